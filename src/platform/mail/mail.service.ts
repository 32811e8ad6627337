// The mail outbox: a mail is written with the change that causes it and sent later by a job.
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { retryWhileDatabaseUnavailable } from '../db/unavailable.js';
import type { Config } from '../config.js';
import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import type { JobRegistry } from '../jobs/worker.js';

export type MailAttachment = { filename: string; contentType: string; contentBase64: string; cid?: string };

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  customerId?: string | null;
  /** What the mail is for (acknowledgement, survey, digest, ...); used in reports and erasure. */
  purpose: string;
  attachments?: MailAttachment[];
  headers?: Record<string, string>;
};

/** Puts a mail into the outbox in the caller's transaction; it is sent once, with retries. */
export async function enqueueMail(ctx: Ctx, mail: OutgoingMail): Promise<string> {
  const id = newId('mail');
  const domain = new URL(ctx.config.publicUrl).hostname || 'stammkunde.local';
  await ctx.db
    .insertInto('outbox_mails')
    .values({
      id,
      message_id: `<${id}@${domain}>`,
      customer_id: mail.customerId ?? null,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments:
        mail.attachments || mail.headers
          ? JSON.stringify({ files: mail.attachments ?? [], headers: mail.headers ?? {} })
          : null,
      purpose: mail.purpose,
      status: 'pending',
      created_at: ctx.clock.now().toISOString(),
      sent_at: null,
    })
    .execute();
  await enqueueJob(ctx, {
    type: 'mail.send',
    key: `mail.send:${id}`,
    payload: { mailId: id },
    maxAttempts: 25,
  });
  return id;
}

export type MailTransport = { send(message: SendMailOptions): Promise<void>; close(): void };

/** The file a mail's copy has in the file sink (data/mail), by its Message-ID. */
export function sinkFileName(messageId: string): string {
  return `${messageId.replace(/[<>@]/g, '_')}.eml`;
}

/** SMTP when SMTP_URL is set, otherwise a file sink (one .eml per mail under data/mail). */
export function createMailTransport(config: Config): MailTransport {
  if (config.smtpUrl) {
    // A pool keeps SMTP connections open: opening one per mail caps delivery near 10 mails/s.
    const url = /[?&]pool=/.test(config.smtpUrl)
      ? config.smtpUrl
      : `${config.smtpUrl}${config.smtpUrl.includes('?') ? '&' : '?'}pool=true`;
    const transporter: Transporter = nodemailer.createTransport(url);
    return { send: async (m) => void (await transporter.sendMail(m)), close: () => transporter.close() };
  }
  const sink = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await sink.sendMail(m);
      await fs.mkdir(config.mailSinkDir, { recursive: true });
      const name = sinkFileName(String(m.messageId ?? Date.now()));
      await fs.writeFile(path.join(config.mailSinkDir, name), info.message as Buffer);
    },
    close: () => sink.close(),
  };
}

/** Registers the job that delivers outbox mails through the transport. */
export function registerMailJobs(registry: JobRegistry, transport: MailTransport): void {
  registry.handle('mail.send', async (ctx, payload: { mailId: string }) => {
    const mail = await ctx.db
      .selectFrom('outbox_mails')
      .selectAll()
      .where('id', '=', payload.mailId)
      .executeTakeFirst();
    if (!mail || mail.status === 'sent' || mail.status === 'erased') return;
    const extra = mail.attachments ? JSON.parse(mail.attachments) : { files: [], headers: {} };
    await transport.send({
      from: ctx.config.mailFrom,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.text_body,
      html: mail.html_body ?? undefined,
      messageId: mail.message_id,
      headers: extra.headers,
      attachments: (extra.files as MailAttachment[]).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.contentBase64, 'base64'),
        cid: a.cid,
      })),
    });
    // The mail is out: recording that must not fail on a short database outage, or the job would
    // run again after its lock expires and send the mail a second time.
    await retryWhileDatabaseUnavailable(() =>
      ctx.db
        .updateTable('outbox_mails')
        .set({ status: 'sent', sent_at: ctx.clock.now().toISOString() })
        .where('id', '=', mail.id)
        .execute(),
    );
  });
}

/** Mails to one customer (for GDPR export and the customer view). */
export async function listMailsForCustomer(ctx: Ctx, customerId: string) {
  return ctx.db
    .selectFrom('outbox_mails')
    .select(['id', 'to_address', 'subject', 'purpose', 'status', 'created_at', 'sent_at', 'text_body'])
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Erasure blanks the addresses and bodies of a customer's mails (the counts stay), cancels those not
 * sent yet, and deletes their copies in the file sink (data/mail, used when no SMTP server is set).
 */
export async function eraseMailsForCustomer(ctx: Ctx, customerId: string): Promise<void> {
  const mails = await ctx.db
    .selectFrom('outbox_mails')
    .select('message_id')
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('outbox_mails')
    .set({
      to_address: 'erased',
      subject: 'erased',
      text_body: '',
      html_body: null,
      attachments: null,
      status: 'erased',
    })
    .where('customer_id', '=', customerId)
    .where('status', '!=', 'sent')
    .execute();
  await ctx.db
    .updateTable('outbox_mails')
    .set({ to_address: 'erased', subject: 'erased', text_body: '', html_body: null, attachments: null })
    .where('customer_id', '=', customerId)
    .execute();
  for (const m of mails)
    await fs.rm(path.join(ctx.config.mailSinkDir, sinkFileName(m.message_id)), { force: true });
}

/**
 * Blanks the bodies and attachments of mails sent before `before` (the retention period ends);
 * recipient, subject, purpose and times stay for the customer's history. Answers how many.
 */
export async function pruneSentMailBodies(ctx: Ctx, before: Date): Promise<number> {
  const result = await ctx.db
    .updateTable('outbox_mails')
    .set({ text_body: '', html_body: null, attachments: null })
    .where('status', '=', 'sent')
    .where('sent_at', '<', before.toISOString())
    .where((eb) =>
      eb.or([eb('text_body', '!=', ''), eb('html_body', 'is not', null), eb('attachments', 'is not', null)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
