/**
 * Survey e-mail benchmark: n survey invitations through the real service and the mail outbox to a
 * real local SMTP server, and a check that no mail is lost or doubled.
 * Run: npx tsx bench/survey-mail.ts [n]   (default 100,000)
 * Data: n customers with an opt-in for e-mail surveys, created through the customers service in
 * batches (not measured). Measured: (1) enqueue — sendSurvey (consent + frequency check,
 * invitation, hashed token, outbox mail, reminder job) in transactions of 500; (2) delivery — the
 * real `mail.send` job run by a Worker (batch 500) until the outbox is empty, over SMTP without
 * pooling (the platform's transport). Baseline in the same run: raw nodemailer sendMail of the
 * same kind of message to the same server, sequentially, without and with `pool: true`.
 * The SMTP server counts messages by Message-ID; the run fails when the received set differs from
 * the outbox's sent set or a Message-ID arrives twice.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../src/app.js';
import { recordConsent } from '../src/customers/customer-consents.service.js';
import { createCustomer } from '../src/customers/customers.service.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { inTransaction } from '../src/platform/context.js';
import { Worker } from '../src/platform/jobs/worker.js';
import { sendSurvey } from '../src/surveys/survey-sending.service.js';
import { setSurveySettings } from '../src/surveys/survey-settings.service.js';

const N = Number(process.argv[2] ?? 100_000);
const BASELINE_N = Math.min(N, 5_000);
const BATCH = 500;

function startCountingSmtp() {
  const ids: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A real MTA answers at once; the reverse DNS lookup of 127.0.0.1 costs ~120 ms in some sandboxes.
    disableReverseLookup: true,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      let done = false;
      stream.on('data', (chunk: Buffer) => {
        if (done) return;
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end >= 0 || head.length > 64_000) {
          done = true;
          const m = /^message-id:\s*(<[^>]+>)/im.exec(head.slice(0, end >= 0 ? end : undefined));
          ids.push(m ? m[1] : '(none)');
        }
      });
      stream.on('end', () => callback());
    },
  });
  return new Promise<{ port: number; ids: string[]; close(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.server.address() as AddressInfo).port,
        ids,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

async function baseline(
  port: number,
  pool: boolean,
  count: number,
  html: string,
  text: string,
): Promise<number> {
  const transport = nodemailer.createTransport(
    pool
      ? {
          host: '127.0.0.1',
          port,
          secure: false,
          pool: true,
          maxConnections: 1,
          maxMessages: Number.POSITIVE_INFINITY,
        }
      : `smtp://127.0.0.1:${port}`,
  );
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    await transport.sendMail({
      from: 'bench@stammkunde.local',
      to: `b${i}@example.de`,
      subject: 'Baseline',
      text,
      html,
      messageId: `<base-${pool}-${i}@bench>`,
      headers: { 'List-Unsubscribe': '<http://x/s/y/objection>' },
    });
  }
  const secs = (performance.now() - t0) / 1000;
  transport.close();
  return count / secs;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-survey-bench-'));
  const smtp = await startCountingSmtp();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: '',
    DATA_DIR: dir,
    WORKER: 'off',
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  });
  const app = await createApp({ config, clock: systemClock, startWorker: false });
  const ctx = app.ctx;
  await setSurveySettings(ctx, {
    minDaysBetweenSurveys: 90,
    reminderAfterDays: 4,
    tokenValidDays: 30,
    followUpHours: 48,
    relationshipEveryMonths: 12,
    repurchaseMonths: 24,
  });
  console.log(
    `survey-mail benchmark: n=${N.toLocaleString('en')} on SQLite (${dir}), SMTP 127.0.0.1:${smtp.port}`,
  );

  let t0 = performance.now();
  const customerIds: string[] = [];
  for (let i = 0; i < N; i += BATCH) {
    await inTransaction(ctx, async (tx) => {
      for (let j = i; j < Math.min(N, i + BATCH); j++) {
        const c = await createCustomer(tx, {
          name: `Bench ${j}`,
          email: `kunde${j}@example.de`,
          locale: j % 3 === 0 ? 'en' : 'de',
        });
        await recordConsent(tx, c.id, {
          channel: 'email',
          purpose: 'surveys',
          basis: 'opt_in',
          status: 'given',
          source: 'bench',
        });
        customerIds.push(c.id);
      }
    });
  }
  const setupSecs = (performance.now() - t0) / 1000;
  console.log(`setup: ${N} customers with consent in ${setupSecs.toFixed(1)} s (not measured)`);

  t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    await inTransaction(ctx, async (tx) => {
      for (const id of customerIds.slice(i, i + BATCH))
        await sendSurvey(tx, { customerId: id, definitionCode: 'relationship_nps', triggerRef: 'bench' });
    });
  }
  const enqueueSecs = (performance.now() - t0) / 1000;
  console.log(`enqueued ${N} survey mails in ${enqueueSecs.toFixed(1)} s`);

  const worker = new Worker(
    ctx,
    app.registry,
    { warn: (o: unknown) => console.warn(o), error: (o: unknown) => console.error(o) },
    { batch: 500 },
  );
  t0 = performance.now();
  let rounds = 0;
  for (;;) {
    const ran = await worker.runOnce();
    rounds++;
    if (ran === 0) {
      const pending = await ctx.db
        .selectFrom('outbox_mails')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      if (Number(pending.n) === 0) break;
      await new Promise((r) => setTimeout(r, 200)); // a failed send waits for its backoff
    }
  }
  const deliverSecs = (performance.now() - t0) / 1000;

  const sent = await ctx.db
    .selectFrom('outbox_mails')
    .select(['message_id', 'status', 'html_body', 'text_body'])
    .where('purpose', '=', 'survey')
    .execute();
  const sentIds = new Set(sent.filter((m) => m.status === 'sent').map((m) => m.message_id));
  const received = smtp.ids.slice();
  const receivedSet = new Set(received);
  const duplicates = received.length - receivedSet.size;
  const lost = [...sentIds].filter((id) => !receivedSet.has(id)).length;
  const unexpected = [...receivedSet].filter((id) => !sentIds.has(id)).length;
  const failedJobs = await ctx.db
    .selectFrom('jobs')
    .select('id')
    .where('type', '=', 'mail.send')
    .where('status', '=', 'failed')
    .execute();

  const sample = sent[0];
  const rawPlain = await baseline(
    smtp.port,
    false,
    Math.min(BASELINE_N, 500),
    sample.html_body ?? '',
    sample.text_body,
  );
  const rawPooled = await baseline(smtp.port, true, BASELINE_N, sample.html_body ?? '', sample.text_body);

  const rows: Array<[string, string, string]> = [
    [
      'enqueue: sendSurvey (invitation + token + outbox + jobs)',
      `${(N / enqueueSecs).toFixed(0)} /s`,
      `${enqueueSecs.toFixed(1)} s`,
    ],
    [
      'deliver: outbox worker → SMTP (pooled transport)',
      `${(N / deliverSecs).toFixed(0)} /s`,
      `${deliverSecs.toFixed(1)} s, ${rounds} rounds`,
    ],
    [
      `baseline: raw nodemailer, new connection per mail (${Math.min(BASELINE_N, 500)})`,
      `${rawPlain.toFixed(0)} /s`,
      '',
    ],
    [`baseline: raw nodemailer, pool: true (${BASELINE_N})`, `${rawPooled.toFixed(0)} /s`, ''],
  ];
  console.log('');
  console.log('| step | rate | time |');
  console.log('|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('');
  console.log(
    `outbox survey mails: ${sent.length}, sent: ${sentIds.size}; received by SMTP: ${received.length}; lost: ${lost}; duplicates: ${duplicates}; unexpected: ${unexpected}; failed jobs: ${failedJobs.length}`,
  );
  const ok = sent.length === N && sentIds.size === N && lost === 0 && duplicates === 0 && unexpected === 0;
  console.log(ok ? 'OK: every survey mail arrived exactly once' : 'FAILED: mails lost or doubled');

  await app.close();
  await smtp.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
