// The response letter: every point with its answer, apology, cause, prevention, goodwill, owner.
import { getCustomer } from '../customers/customers.service.js';
import { getUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, nullIfNotFound } from '../platform/errors.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { activePoints, assertStatus, auditCase, getCaseRow } from './case-core.js';
import { getCaseSettings } from './case-settings.js';
import { type LetterTemplates, letterTemplatesSchema } from './cases.schema.js';
import { assertReadyToAnswer } from './case-gate.js';
import { recordStaffReply } from './case-replies.service.js';
import { withStatusLink } from './case-status-tokens.js';
import { fill, formatDateTime, formatMoney, langOf, textsFor } from './cases.texts.js';

const TEMPLATES_KEY = 'cases.letterTemplates';

const defaultTemplates = (): LetterTemplates => ({
  de: {
    subject: textsFor('de').letter.subject,
    body: textsFor('de').letter.body,
    point: textsFor('de').letter.point,
  },
  en: {
    subject: textsFor('en').letter.subject,
    body: textsFor('en').letter.body,
    point: textsFor('en').letter.point,
  },
});

/** The letter templates (de, en) with {{placeholders}}; the defaults come from the locale files. */
export function getLetterTemplates(ctx: Ctx): Promise<LetterTemplates> {
  return getSetting(ctx, TEMPLATES_KEY, letterTemplatesSchema, defaultTemplates());
}

/** Replaces the letter templates (validated, audited). */
export function setLetterTemplates(ctx: Ctx, templates: unknown): Promise<LetterTemplates> {
  return setSetting(ctx, TEMPLATES_KEY, letterTemplatesSchema, templates);
}

/**
 * Fills a template line by line and leaves out every line whose placeholders are all empty, so a
 * part the case does not have (no goodwill, a waived cause) leaves no "Cause: –" behind, whatever
 * the admin's template says around it.
 */
export function fillLines(
  template: string,
  vars: Record<string, string | number | null | undefined>,
): string {
  const placeholder = /\{\{\s*(\w+)\s*\}\}/g;
  return template
    .split('\n')
    .filter((line) => {
      const names = [...line.matchAll(placeholder)].map((m) => m[1]);
      return names.length === 0 || names.some((n) => String(vars[n] ?? '').trim() !== '');
    })
    .map((line) => fill(line, vars))
    .join('\n');
}

/** The response letter of a case as plain text, in the customer's language; no placeholder dashes. */
export async function renderLetter(
  ctx: Ctx,
  caseId: string,
): Promise<{ lang: 'de' | 'en'; to: string | null; subject: string; text: string }> {
  const row = await getCaseRow(ctx, caseId);
  const customer = await getCustomer(ctx, row.customer_id);
  const lang = langOf(customer.locale);
  const t = textsFor(lang).letter;
  const tpl = (await getLetterTemplates(ctx))[lang];
  const settings = await getCaseSettings(ctx);
  const owner = row.owner_id ? await getUser(ctx, row.owner_id).catch(nullIfNotFound) : null;
  const points = await activePoints(ctx, caseId);
  const goodwill = await ctx.db
    .selectFrom('case_goodwill')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', '=', 'granted')
    .orderBy('requested_at')
    .execute();
  const commitments = await ctx.db
    .selectFrom('case_commitments')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('due_at')
    .execute();
  const kinds = t.kinds as Record<string, string>;
  const goodwillText =
    goodwill.length === 0
      ? ''
      : [
          t.goodwillIntro,
          ...goodwill.map((g) =>
            fill(t.goodwillLine, {
              kind: kinds[g.kind] ?? g.kind,
              amount: formatMoney(Number(g.amount_minor), g.currency, lang),
              description: g.description,
            }),
          ),
        ].join('\n');
  const commitmentsText =
    commitments.length === 0
      ? ''
      : [
          t.commitmentsIntro,
          ...commitments.map((c) =>
            fill(t.commitmentLine, {
              description: c.description,
              due: formatDateTime(c.due_at, lang, settings.calendar.timeZone),
            }),
          ),
        ].join('\n');
  const vars = {
    reference: row.reference,
    customerName: customer.name,
    ownerName: owner?.name ?? '',
    apology: row.apology?.trim() ?? '',
    cause: row.root_cause_analysis?.trim() ?? '',
    preventiveAction: row.preventive_action?.trim() ?? '',
    goodwill: goodwillText,
    commitments: commitmentsText,
    points: points
      .map((p, i) => fillLines(tpl.point, { number: i + 1, text: p.text, answer: p.answer?.trim() ?? '' }))
      .join('\n\n'),
  };
  const text = fillLines(tpl.body, vars).replace(/\n{3,}/g, '\n\n');
  return { lang, to: customer.email, subject: fill(tpl.subject, vars), text };
}

/**
 * Sends the response letter through the outbox, behind the resolution gate (CASE_INCOMPLETE while a
 * point is unanswered or the apology, cause or preventive action is missing); it counts as the staff
 * reply for the first-response SLA. Audited.
 */
export async function sendLetter(
  ctx: Ctx,
  caseId: string,
): Promise<{ mailId: string; subject: string; text: string }> {
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, ['new', 'open', 'waiting_customer', 'reopened', 'resolved'], 'send the letter');
    await assertReadyToAnswer(tx, row, 'letter');
    const letter = await renderLetter(tx, caseId);
    if (!letter.to)
      throw new AppError('UNPROCESSABLE', 'The customer has no e-mail address', {
        errors: [{ path: 'customer.email', message: 'missing' }],
      });
    const mailId = await enqueueMail(tx, {
      to: letter.to,
      subject: letter.subject,
      text: await withStatusLink(tx, { caseId, customerId: row.customer_id, lang: row.lang }, letter.text),
      customerId: row.customer_id,
      purpose: 'case_letter',
    });
    const now = nowIso(tx);
    await tx.db.updateTable('cases').set({ letter_sent_at: now }).where('id', '=', caseId).execute();
    await auditCase(tx, row, 'letter_send', {
      letter: { before: null, after: { mailId, subject: letter.subject } },
    });
    await recordStaffReply(tx, caseId, now);
    return { mailId, subject: letter.subject, text: letter.text };
  });
}
