// The case conversation: every message to and from the customer, internal notes and attachments;
// each message is indexed for the case search as it is written. Customer-written text is stored
// and returned as plain text.
import { createHash } from 'node:crypto';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { getCustomer } from '../customers/customers.service.js';
import { recordCustomerReply, recordStaffReply } from './case-replies.service.js';
import { withStatusLink } from './case-status-tokens.js';
import { getCase } from './cases.service.js';
import { fill, langOf } from './cases.texts.js';
import { deleteSearchDocsOfCustomer, upsertSearchDoc } from './case-search.js';
import type { CaseMessageTables } from './case-messages.tables.js';
import {
  type AttachmentMeta,
  type CaseMessage,
  type CreateAttachment,
  type CreateMessage,
  createAttachmentSchema,
  createMessageSchema,
  type ListMessagesQuery,
  MAX_ATTACHMENT_BYTES,
  type MessageChannel,
} from './case-messages.schema.js';
import deTexts from './locales/conversation.de.json' with { type: 'json' };
import enTexts from './locales/conversation.en.json' with { type: 'json' };

type MessageRow = CaseMessageTables['case_messages'];
type AttachmentRow = CaseMessageTables['case_message_attachments'];

const conversationTexts = { de: deTexts, en: enTexts };

function toAttachmentMeta(r: Omit<AttachmentRow, 'data'>): AttachmentMeta {
  return {
    id: r.id,
    messageId: r.message_id,
    filename: r.filename,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    createdAt: r.created_at,
  };
}

function toMessage(r: MessageRow, attachments: AttachmentMeta[]): CaseMessage {
  return {
    id: r.id,
    caseId: r.case_id,
    direction: r.direction as CaseMessage['direction'],
    channel: r.channel as MessageChannel,
    author: {
      type: r.author_type as CaseMessage['author']['type'],
      userId: r.author_user_id,
      name: r.author_name,
    },
    body: r.body,
    mailed: r.mail_id !== null,
    at: r.at,
    recordedAt: r.recorded_at,
    attachments,
  };
}

/**
 * Adds a message to a case in one transaction: an `out` message on the e-mail channel is put into
 * the mail outbox to the customer and every `out` message counts as a staff reply (first response);
 * an `in` message counts as the customer's reply (resumes a case waiting for the customer);
 * an `internal` note is never sent. The message is indexed for search and audited.
 */
export async function addMessage(ctx: Ctx, caseId: string, input: CreateMessage): Promise<CaseMessage> {
  const data = createMessageSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const theCase = await getCase(tx, caseId);
    const now = tx.clock.now();
    let at = now.toISOString();
    if (data.at) {
      const given = new Date(data.at);
      if (given.getTime() > now.getTime()) throw invalid('at', 'must not be in the future');
      if (given.toISOString() < theCase.receivedAt)
        throw invalid('at', 'must not be before the case was received');
      at = given.toISOString();
    }
    const channel: MessageChannel = data.channel ?? (data.direction === 'internal' ? 'note' : 'email');
    const actor = tx.actor;
    const customer = await getCustomer(tx, theCase.customerId);
    const staffName = actor.kind === 'user' ? actor.name : actor.name;
    const row: MessageRow = {
      id: newId('msg'),
      case_id: caseId,
      customer_id: theCase.customerId,
      direction: data.direction,
      channel,
      author_type: data.direction === 'in' ? 'customer' : actor.kind === 'user' ? 'staff' : 'system',
      author_user_id: data.direction === 'in' || actor.kind !== 'user' ? null : actor.id,
      author_name: data.direction === 'in' ? customer.name : staffName,
      body: data.body,
      mail_id: null,
      at,
      recorded_at: now.toISOString(),
      erased_at: null,
    };
    if (data.direction === 'out' && channel === 'email') {
      if (!customer.email)
        throw invalid('channel', 'the customer has no e-mail address; record the reply on the channel used');
      const texts = conversationTexts[langOf(theCase.lang ?? customer.locale)];
      const vars = { reference: theCase.reference, authorName: staffName, body: data.body };
      row.mail_id = await enqueueMail(tx, {
        to: customer.email,
        subject: fill(texts.reply.subject, vars),
        text: await withStatusLink(
          tx,
          { caseId, customerId: theCase.customerId, lang: theCase.lang ?? customer.locale },
          fill(texts.reply.body, vars),
        ),
        customerId: theCase.customerId,
        purpose: 'case_reply',
        headers: { 'X-Stammkunde-Case': theCase.reference },
      });
    }
    await tx.db.insertInto('case_messages').values(row).execute();
    if (data.direction === 'out') await recordStaffReply(tx, caseId, new Date(at));
    if (data.direction === 'in') await recordCustomerReply(tx, caseId, new Date(at), { text: data.body });
    await upsertSearchDoc(tx, {
      caseId,
      customerId: theCase.customerId,
      source: 'message',
      sourceId: row.id,
      body: row.body,
    });
    await recordAudit(tx, {
      entityType: 'case',
      entityId: caseId,
      customerId: theCase.customerId,
      action: `message_${data.direction}`,
      changes: diff(null, {
        messageId: row.id,
        channel,
        at,
        mailed: row.mail_id !== null,
        length: row.body.length,
      }),
    });
    return toMessage(row, []);
  });
}

async function attachmentsOf(ctx: Ctx, messageIds: string[]): Promise<Map<string, AttachmentMeta[]>> {
  const out = new Map<string, AttachmentMeta[]>();
  if (messageIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('case_message_attachments')
    .select([
      'id',
      'message_id',
      'case_id',
      'customer_id',
      'filename',
      'content_type',
      'size_bytes',
      'sha256',
      'created_by',
      'created_at',
    ])
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.message_id) ?? [];
    list.push(toAttachmentMeta(r));
    out.set(r.message_id, list);
  }
  return out;
}

/** The conversation of a case, oldest first, with attachment metadata; paged by cursor. */
export async function listMessages(ctx: Ctx, caseId: string, query: Partial<ListMessagesQuery> = {}) {
  await getCase(ctx, caseId);
  const limit = query.limit ?? 50;
  let q = ctx.db.selectFrom('case_messages').selectAll().where('case_id', '=', caseId);
  if (query.direction) q = q.where('direction', '=', query.direction);
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const [at, id] = cursor as [string, string];
    q = q.where((eb) => eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]));
  }
  const rows = await q
    .orderBy('at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const attachments = await attachmentsOf(
    ctx,
    rows.slice(0, limit).map((r) => r.id),
  );
  return toPage(
    rows,
    limit,
    (r) => toMessage(r, attachments.get(r.id) ?? []),
    (r) => [r.at, r.id],
  );
}

async function getMessageRow(ctx: Ctx, caseId: string, messageId: string): Promise<MessageRow> {
  const row = await ctx.db
    .selectFrom('case_messages')
    .selectAll()
    .where('id', '=', messageId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw notFound('Message', messageId);
  return row;
}

const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'text/plain': ['txt', 'text', 'log'],
};

const startsWith = (buf: Buffer, bytes: number[] | string, offset = 0) => {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return buf.length >= offset + b.length && buf.subarray(offset, offset + b.length).equals(b);
};

/** The content type the bytes really are (of the allowed ones), or null. */
export function sniffContentType(buf: Buffer): string | null {
  if (startsWith(buf, '%PDF-')) return 'application/pdf';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(buf, 'GIF87a') || startsWith(buf, 'GIF89a')) return 'image/gif';
  if (startsWith(buf, 'RIFF') && startsWith(buf, 'WEBP', 8)) return 'image/webp';
  if (buf.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'text/plain';
  } catch {
    return null;
  }
}

/**
 * Attaches a file (at most 10 MB) to a message of the case. The type must be on the allow-list,
 * the file name's extension must fit it, and the bytes must really be of that type.
 */
export async function addAttachment(
  ctx: Ctx,
  caseId: string,
  messageId: string,
  input: CreateAttachment,
): Promise<AttachmentMeta> {
  const data = createAttachmentSchema.parse(input);
  const bytes = Buffer.from(data.dataBase64, 'base64');
  if (bytes.length === 0) throw invalid('dataBase64', 'empty file');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw invalid('dataBase64', 'larger than 10 MB');
  const ext = data.filename.includes('.') ? data.filename.split('.').pop()!.toLowerCase() : '';
  if (!EXTENSIONS[data.contentType].includes(ext)) {
    throw invalid(
      'filename',
      `the extension does not fit ${data.contentType} (${EXTENSIONS[data.contentType].map((e) => `.${e}`).join(', ')})`,
    );
  }
  if (sniffContentType(bytes) !== data.contentType) {
    throw invalid('dataBase64', `the file content is not ${data.contentType}`);
  }
  return inTransaction(ctx, async (tx) => {
    const message = await getMessageRow(tx, caseId, messageId);
    if (message.erased_at) throw new AppError('CUSTOMER_ERASED', 'The customer of this case was erased');
    const row: AttachmentRow = {
      id: newId('att'),
      message_id: messageId,
      case_id: caseId,
      customer_id: message.customer_id,
      filename: data.filename,
      content_type: data.contentType,
      size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      data: bytes,
      created_by: tx.actor.id,
      created_at: nowIso(tx),
    };
    await tx.db.insertInto('case_message_attachments').values(row).execute();
    await recordAudit(tx, {
      entityType: 'case',
      entityId: caseId,
      customerId: message.customer_id,
      action: 'attachment_add',
      changes: diff(null, {
        attachmentId: row.id,
        messageId,
        filename: row.filename,
        contentType: row.content_type,
        sizeBytes: row.size_bytes,
      }),
    });
    const { data: _d, ...meta } = row;
    return toAttachmentMeta(meta);
  });
}

/** One attachment's metadata and bytes; 404 when it is not on that message of that case, 410 once erased. */
export async function getAttachment(
  ctx: Ctx,
  caseId: string,
  messageId: string,
  attachmentId: string,
): Promise<AttachmentMeta & { data: Buffer }> {
  const row = await ctx.db
    .selectFrom('case_message_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('message_id', '=', messageId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw notFound('Attachment', attachmentId);
  if (!row.data) throw new AppError('CUSTOMER_ERASED', 'The attachment was erased with the customer');
  return { ...toAttachmentMeta(row), data: Buffer.from(row.data) };
}

/** Everything of the conversation about one customer (GDPR export); attachment bytes as base64. */
export async function exportConversation(ctx: Ctx, customerId: string) {
  const messages = await ctx.db
    .selectFrom('case_messages')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const attachments = await ctx.db
    .selectFrom('case_message_attachments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .execute();
  const meta = new Map<string, AttachmentMeta[]>();
  for (const a of attachments)
    meta.set(a.message_id, [...(meta.get(a.message_id) ?? []), toAttachmentMeta(a)]);
  return {
    messages: messages.map((m) => toMessage(m, meta.get(m.id) ?? [])),
    attachments: attachments.map((a) => ({
      ...toAttachmentMeta(a),
      dataBase64: a.data ? Buffer.from(a.data).toString('base64') : null,
    })),
  };
}

/**
 * Erases a customer's conversation: message texts and customer author names are blanked,
 * attachment bytes and names removed and the search texts deleted; directions, channels and
 * times stay for the metrics.
 */
export async function eraseConversation(ctx: Ctx, customerId: string): Promise<void> {
  const now = nowIso(ctx);
  await ctx.db
    .updateTable('case_messages')
    .set({ body: '', erased_at: now })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_messages')
    .set({ author_name: 'erased' })
    .where('customer_id', '=', customerId)
    .where('author_type', '=', 'customer')
    .execute();
  await ctx.db
    .updateTable('case_message_attachments')
    .set({ data: null, filename: 'erased', sha256: '' })
    .where('customer_id', '=', customerId)
    .execute();
  await deleteSearchDocsOfCustomer(ctx, customerId);
}
