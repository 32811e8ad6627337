// The public complaint form's rules: a form token serves one submission (HMAC over issue time and a
// random nonce, its use recorded), the case starts 'unverified' until the owner of the e-mail
// address confirms through the mailed link, and the acknowledgement repeats the complaint's text
// only to an address that is already a verified customer address.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Customer } from '../customers/customers.schema.js';
import { createCustomer, findCustomerByEmail, getCustomer } from '../customers/customers.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { hashToken, newToken } from '../platform/ids.js';
import { formatDate, interpolate } from '../platform/i18n/i18n.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { getCompanyTimeZone } from '../platform/time/index.js';
import { auditCase, getCaseRow } from './case-core.js';
import { createCase } from './case-intake.service.js';
import type { CreateAttachment } from './case-messages.schema.js';
import { addAttachment, addMessage } from './case-messages.service.js';
import { publicTexts } from './case-public.texts.js';
import { confirmUrl, issueStatusToken, statusUrl } from './case-status-tokens.js';
import type { Case } from './cases.schema.js';
import { fill, formatDateTime, type Lang, textsFor } from './cases.texts.js';

const SECRET_KEY = 'cases.complaintFormSecret';
const secretSchema = z.string().min(32);
/** Submissions faster than this after the form was rendered are treated as bots. */
export const MIN_FILL_MS = 3_000;
/** A form older than this must be reloaded. */
export const MAX_FORM_AGE_MS = 86_400_000;

/** Creates the form-signing secret once (idempotent; called by the module seed). */
export async function ensureComplaintFormSecret(ctx: Ctx): Promise<void> {
  const current = await getSetting(ctx, SECRET_KEY, secretSchema, '');
  if (!current) await setSetting(ctx, SECRET_KEY, secretSchema, newToken(), { secret: true });
}

async function secret(ctx: Ctx): Promise<string> {
  const s = await getSetting(ctx, SECRET_KEY, secretSchema, '');
  if (!s) throw new Error('complaint form secret missing (module seed did not run)');
  return s;
}

function sign(key: string, issuedMs: number, nonce: string): string {
  return createHmac('sha256', key).update(`complaint-form:${issuedMs}:${nonce}`).digest('base64url');
}

/** A form token: issue time, a random nonce (each rendered form differs) and their HMAC. */
export async function issueFormToken(ctx: Ctx): Promise<string> {
  const issued = ctx.clock.now().getTime();
  const nonce = randomBytes(16).toString('base64url');
  return `${issued}.${nonce}.${sign(await secret(ctx), issued, nonce)}`;
}

export type FormTokenState = 'ok' | 'invalid' | 'too_fast' | 'expired' | 'used';

/** ok, or why the token is refused: invalid (forged), too_fast, expired, used (sent before). */
export async function checkFormToken(ctx: Ctx, token: string): Promise<FormTokenState> {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!m) return 'invalid';
  const issued = Number(m[1]);
  const expected = Buffer.from(sign(await secret(ctx), issued, m[2]!));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = ctx.clock.now().getTime() - issued;
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > MAX_FORM_AGE_MS) return 'expired';
  const used = await ctx.db
    .selectFrom('case_form_token_uses')
    .select('token_hash')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return used ? 'used' : 'ok';
}

/**
 * Records the token's use in the caller's transaction; false when it was used already (a double
 * submission racing this one). Uses older than any valid token are pruned on the way.
 */
async function consumeFormToken(ctx: Ctx, token: string): Promise<boolean> {
  const now = ctx.clock.now();
  await ctx.db
    .deleteFrom('case_form_token_uses')
    .where('used_at', '<', new Date(now.getTime() - 2 * MAX_FORM_AGE_MS).toISOString())
    .execute();
  const inserted = await ctx.db
    .insertInto('case_form_token_uses')
    .values({ token_hash: hashToken(token), used_at: now.toISOString() })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .returning('token_hash')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Whether mail to this customer's address may repeat what was typed into the form: the address
 * belongs to a customer the company knows (not a prospect the form created), or its owner has
 * confirmed a complaint before.
 */
async function isVerifiedAddress(ctx: Ctx, customer: Customer | null): Promise<boolean> {
  if (!customer) return false;
  if (customer.status !== 'prospect') return true;
  const confirmed = await ctx.db
    .selectFrom('cases')
    .select('id')
    .where('customer_id', '=', customer.id)
    .where('verification', '=', 'verified')
    .executeTakeFirst();
  return confirmed !== undefined;
}

export type ComplaintSubmission = {
  token: string;
  lang: Lang;
  name: string;
  email: string;
  phone?: string;
  points: string[];
  remedy?: string;
  /** Checked already (type, size, count) by the form; addAttachment checks them again. */
  files: Array<{ filename: string; contentType: string; data: Buffer }>;
};

export type SubmissionResult =
  | { kind: 'used' }
  | { kind: 'filed'; reference: string; verifiedAddress: boolean };

/**
 * Files a complaint from the public form in one transaction: uses up the form token, finds the
 * customer by e-mail (or creates a prospect), opens the case as 'unverified', keeps the files on an
 * inbound message and queues the acknowledgement with the confirmation link.
 */
export async function submitComplaint(ctx: Ctx, s: ComplaintSubmission): Promise<SubmissionResult> {
  return inTransaction(ctx, async (tx) => {
    if (!(await consumeFormToken(tx, s.token))) return { kind: 'used' as const };
    const existing = await findCustomerByEmail(tx, s.email);
    const verifiedAddress = await isVerifiedAddress(tx, existing);
    const customer =
      existing ??
      (await createCustomer(tx, {
        name: s.name,
        email: s.email,
        phone: s.phone || undefined,
        locale: s.lang,
        status: 'prospect',
      }));
    const created = await createCase(
      tx,
      {
        customerId: customer.id,
        channel: 'web',
        points: s.points.map((text) => ({ text })),
        requestedRemedy: s.remedy || undefined,
      },
      { verification: 'unverified', acknowledge: false },
    );
    if (s.files.length > 0) {
      const message = await addMessage(tx, created.id, {
        direction: 'in',
        channel: 'web',
        body: s.points.join('\n\n'),
      });
      for (const f of s.files)
        await addAttachment(tx, created.id, message.id, {
          filename: f.filename,
          contentType: f.contentType as CreateAttachment['contentType'],
          dataBase64: f.data.toString('base64'),
        });
    }
    await acknowledgeSubmission(tx, created, customer.email ?? s.email, verifiedAddress);
    return { kind: 'filed' as const, reference: created.reference, verifiedAddress };
  });
}

/**
 * The acknowledgement of a form complaint. To a verified address: the usual acknowledgement with
 * the points, a request to confirm and the status link. To any other address: no word of what was
 * typed, only the reference and the confirmation link (the status page opens after confirming).
 */
async function acknowledgeSubmission(tx: Ctx, c: Case, to: string, verifiedAddress: boolean): Promise<void> {
  const p = publicTexts(c.lang);
  const { token, expiresAt } = await issueStatusToken(tx, { caseId: c.id, customerId: c.customerId });
  const confirm = confirmUrl(tx, token);
  if (!verifiedAddress) {
    const vars = { reference: c.reference, confirmUrl: confirm };
    await enqueueMail(tx, {
      to,
      subject: interpolate(p.ack.unverifiedSubject, vars),
      text: interpolate(p.ack.unverifiedBody, vars),
      customerId: c.customerId,
      purpose: 'case_acknowledgement',
    });
    return;
  }
  const t = textsFor(c.lang).ack;
  const timeZone = await getCompanyTimeZone(tx);
  const customer = await getCustomer(tx, c.customerId);
  const vars = {
    reference: c.reference,
    customerName: customer.name,
    ownerName: c.ownerName ?? '',
    answerBy: c.resolutionDueAt ? formatDateTime(c.resolutionDueAt, c.lang, timeZone) : '',
    points: c.points.map((pt, i) => `${i + 1}. ${pt.text}`).join('\n'),
  };
  const text = [
    fill(t.body, vars),
    interpolate(p.ack.confirm, { confirmUrl: confirm }),
    interpolate(p.ack.statusLink, {
      url: statusUrl(tx, token),
      until: formatDate(expiresAt, c.lang, timeZone),
    }),
  ].join('\n\n');
  await enqueueMail(tx, {
    to,
    subject: fill(t.subject, vars),
    text,
    customerId: c.customerId,
    purpose: 'case_acknowledgement',
  });
}

/** Marks a form complaint as confirmed by its address owner (idempotent); audited. */
export async function confirmCase(ctx: Ctx, caseId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    if (row.verification !== 'unverified') return;
    const at = nowIso(tx);
    await tx.db
      .updateTable('cases')
      .set({ verification: 'verified', verified_at: at, updated_at: at })
      .where('id', '=', caseId)
      .execute();
    await auditCase(tx, row, 'verify', { verification: { before: 'unverified', after: 'verified' } });
  });
}
