// Surveys: definitions, the send decision (consent, frequency), invitations with hashed tokens,
// answers from the public page, closing the loop on bad answers, praise and metrics.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { hashToken, newId, newToken } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { isPraise, needsFollowUp } from './survey-metrics.js';
import {
  type Answer,
  type CreateDefinition,
  createDefinitionSchema,
  type Definition,
  defaultSurveySettings,
  type Invitation,
  type ListAnswersQuery,
  type ListInvitationsQuery,
  type PraiseQuery,
  type RequestSurvey,
  requestSurveySchema,
  SCALE_RANGE,
  type Scale,
  type SurveySettings,
  surveySettingsSchema,
  type Trigger,
  type UpdateDefinition,
  updateDefinitionSchema,
} from './surveys.schema.js';
import { esc } from './surveys.page.js';
import * as ports from './surveys.ports.js';
import type { SurveyTables } from './surveys.tables.js';
import { fill, texts } from './texts/index.js';
import { de } from './texts/de.js';
import { en } from './texts/en.js';

type DefRow = SurveyTables['survey_definitions'];
type InvRow = SurveyTables['survey_invitations'];
type AnswerRow = SurveyTables['survey_answers'];

const SETTINGS_KEY = 'surveys.settings';
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Settings

/** The survey settings (frequency limit, reminder, token validity, follow-up deadline, windows). */
export function getSurveySettings(ctx: Ctx): Promise<SurveySettings> {
  return getSetting(ctx, SETTINGS_KEY, surveySettingsSchema, defaultSurveySettings);
}

/** Validates and stores the survey settings (audited). */
export function setSurveySettings(ctx: Ctx, value: unknown): Promise<SurveySettings> {
  return inTransaction(ctx, (tx) => setSetting(tx, SETTINGS_KEY, surveySettingsSchema, value));
}

/** Whether per-person (per-agent) results may be shown; off unless the company turns it on. */
export function perPersonVisible(ctx: Ctx): Promise<boolean> {
  return getSetting(ctx, 'metrics.perPersonVisible', z.boolean(), false);
}

// ---------------------------------------------------------------------------------------------
// Definitions

function toDefinition(r: DefRow): Definition {
  return {
    id: r.id,
    code: r.code,
    scale: r.scale as Scale,
    trigger: r.trigger as Trigger,
    touchpointCode: r.touchpoint_code,
    questionDe: r.question_de,
    questionEn: r.question_en,
    commentDe: r.comment_de,
    commentEn: r.comment_en,
    reasons: JSON.parse(r.reasons),
    delayDays: r.delay_days,
    precedence: r.precedence === 1,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const exitReasons = Object.keys(en.exitReasons) as Array<keyof typeof en.exitReasons>;

/** The default definitions: sale, after-sales and recovery CSAT, relationship NPS, CES, exit interview. */
export function defaultDefinitions(): CreateDefinition[] {
  const q = (code: keyof typeof en.defaults) => ({
    questionDe: de.defaults[code].question,
    questionEn: en.defaults[code].question,
    commentDe: de.defaults[code].comment,
    commentEn: en.defaults[code].comment,
  });
  return [
    {
      code: 'sale_csat',
      scale: 'csat',
      trigger: 'purchase',
      touchpointCode: 'sale',
      delayDays: 3,
      ...q('sale_csat'),
    },
    {
      code: 'after_sales_csat',
      scale: 'csat',
      trigger: 'after_sales_interaction',
      touchpointCode: null,
      delayDays: 1,
      ...q('after_sales_csat'),
    },
    {
      code: 'recovery_csat',
      scale: 'csat',
      trigger: 'case_closed',
      touchpointCode: 'complaint',
      delayDays: 2,
      precedence: true,
      ...q('recovery_csat'),
    },
    {
      code: 'relationship_nps',
      scale: 'nps',
      trigger: 'periodic',
      touchpointCode: 'relationship',
      ...q('relationship_nps'),
    },
    {
      code: 'service_ces',
      scale: 'ces',
      trigger: 'after_sales_interaction',
      touchpointCode: 'hotline',
      delayDays: 1,
      active: false,
      ...q('service_ces'),
    },
    {
      code: 'exit_interview',
      scale: 'none',
      trigger: 'customer_lost',
      touchpointCode: 'exit',
      precedence: true,
      reasons: exitReasons.map((code) => ({ code, de: de.exitReasons[code], en: en.exitReasons[code] })),
      ...q('exit_interview'),
    },
  ];
}

/** Adds the default definitions that are missing (by code); never changes edited ones. */
export async function seedDefaultDefinitions(ctx: Ctx): Promise<void> {
  const existing = new Set(
    (await ctx.db.selectFrom('survey_definitions').select('code').execute()).map((r) => r.code),
  );
  for (const d of defaultDefinitions()) if (!existing.has(d.code)) await createDefinition(ctx, d);
}

/** All survey definitions, by code. */
export async function listDefinitions(ctx: Ctx): Promise<Definition[]> {
  const rows = await ctx.db.selectFrom('survey_definitions').selectAll().orderBy('code').execute();
  return rows.map(toDefinition);
}

async function getDefRow(ctx: Ctx, idOrCode: string): Promise<DefRow> {
  const row = await ctx.db
    .selectFrom('survey_definitions')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  if (!row) throw notFound('Survey definition', idOrCode);
  return row;
}

/** One definition by id or code; 404 when unknown. */
export async function getDefinition(ctx: Ctx, idOrCode: string): Promise<Definition> {
  return toDefinition(await getDefRow(ctx, idOrCode));
}

/** Creates a definition; the code must be unused. */
export async function createDefinition(ctx: Ctx, input: CreateDefinition): Promise<Definition> {
  const data = createDefinitionSchema.parse(input);
  if (data.scale === 'none' && data.reasons.length === 0)
    throw invalid('reasons', 'a survey without a scale needs reason choices');
  return inTransaction(ctx, async (tx) => {
    const dup = await tx.db
      .selectFrom('survey_definitions')
      .select('id')
      .where('code', '=', data.code)
      .executeTakeFirst();
    if (dup)
      throw new AppError('DUPLICATE', `Survey definition ${data.code} exists`, {
        errors: [{ path: 'code', message: 'already in use' }],
      });
    const now = nowIso(tx);
    const row: DefRow = {
      id: newId('sdef'),
      code: data.code,
      scale: data.scale,
      trigger: data.trigger,
      touchpoint_code: data.touchpointCode,
      question_de: data.questionDe,
      question_en: data.questionEn,
      comment_de: data.commentDe,
      comment_en: data.commentEn,
      reasons: JSON.stringify(data.reasons),
      delay_days: data.delayDays,
      precedence: data.precedence ? 1 : 0,
      active: data.active ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('survey_definitions').values(row).execute();
    const { created_at: _c, updated_at: _u, ...visible } = row;
    await recordAudit(tx, {
      entityType: 'survey_definition',
      entityId: row.id,
      action: 'create',
      changes: diff(null, visible),
    });
    return toDefinition(row);
  });
}

/** Changes texts, reasons, delay, precedence or the active flag of a definition (audited). */
export async function updateDefinition(
  ctx: Ctx,
  idOrCode: string,
  patch: UpdateDefinition,
): Promise<Definition> {
  const data = updateDefinitionSchema.parse(patch);
  return inTransaction(ctx, async (tx) => {
    const before = await getDefRow(tx, idOrCode);
    const set: Partial<DefRow> = {};
    if (data.touchpointCode !== undefined) set.touchpoint_code = data.touchpointCode;
    if (data.questionDe !== undefined) set.question_de = data.questionDe;
    if (data.questionEn !== undefined) set.question_en = data.questionEn;
    if (data.commentDe !== undefined) set.comment_de = data.commentDe;
    if (data.commentEn !== undefined) set.comment_en = data.commentEn;
    if (data.reasons !== undefined) {
      if (before.scale === 'none' && data.reasons.length === 0)
        throw invalid('reasons', 'a survey without a scale needs reason choices');
      set.reasons = JSON.stringify(data.reasons);
    }
    if (data.delayDays !== undefined) set.delay_days = data.delayDays;
    if (data.precedence !== undefined) set.precedence = data.precedence ? 1 : 0;
    if (data.active !== undefined) set.active = data.active ? 1 : 0;
    const changes = diff(before, set);
    if (Object.keys(changes).length === 0) return toDefinition(before);
    await tx.db
      .updateTable('survey_definitions')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(tx, {
      entityType: 'survey_definition',
      entityId: before.id,
      action: 'update',
      changes,
    });
    return getDefinition(tx, before.id);
  });
}

/** The active definitions for a trigger (for interactions: those of that touchpoint or of any). */
export async function definitionsForTrigger(
  ctx: Ctx,
  trigger: Trigger,
  touchpointCode?: string | null,
): Promise<Definition[]> {
  const rows = await ctx.db
    .selectFrom('survey_definitions')
    .selectAll()
    .where('trigger', '=', trigger)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  return rows
    .filter(
      (r) =>
        trigger !== 'after_sales_interaction' ||
        r.touchpoint_code === null ||
        r.touchpoint_code === touchpointCode,
    )
    .map(toDefinition);
}

// ---------------------------------------------------------------------------------------------
// Requesting and sending

export type SendRequest = z.infer<typeof requestSurveySchema>;

/**
 * Queues a survey for a customer (the send job decides consent and frequency when it runs).
 * One job per definition, customer and trigger reference; returns whether a job was added.
 */
export async function requestSurvey(
  ctx: Ctx,
  input: RequestSurvey,
  options: { runAt?: Date } = {},
): Promise<{ queued: boolean; runAt: string }> {
  const data = requestSurveySchema.parse(input);
  const def = await getDefRow(ctx, data.definitionCode).catch(() => {
    throw invalid('definitionCode', 'no such survey definition');
  });
  await ports.getCustomer(ctx, data.customerId).catch(() => {
    throw invalid('customerId', 'no such customer');
  });
  const runAt = options.runAt ?? ctx.clock.now();
  const payload: SendRequest = {
    ...data,
    definitionCode: def.code,
    triggerRef: data.triggerRef ?? `manual:${newId('req')}`,
  };
  const queued = await enqueueJob(ctx, {
    type: 'surveys.send',
    key: `surveys.send:${dedupeKeyOf(payload)}`,
    payload,
    runAt,
  });
  return { queued, runAt: runAt.toISOString() };
}

function dedupeKeyOf(r: SendRequest): string {
  return `${r.definitionCode}:${r.customerId}:${r.triggerRef}`;
}

function toInvitation(r: InvRow, code: string): Invitation {
  return {
    id: r.id,
    definitionCode: code,
    customerId: r.customer_id,
    status: r.status as Invitation['status'],
    skipReason: r.skip_reason,
    consentBasis: r.consent_basis,
    touchpointCode: r.touchpoint_code,
    agentId: r.agent_id,
    caseId: r.case_id,
    locale: r.locale,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    expiresAt: r.expires_at,
    reminderSentAt: r.reminder_sent_at,
    answeredAt: r.answered_at,
  };
}

export type SkipReason =
  | 'no_consent'
  | 'objected'
  | 'existing_customer_without_purchase'
  | 'no_email'
  | 'too_often'
  | 'customer_inactive'
  | 'definition_inactive';

/**
 * Decides and records one survey: sends it (invitation + outbox mail with answer and objection
 * links + reminder job) when the customer has an e-mail address, a consent basis for e-mail
 * surveys and was not surveyed within the frequency period (recovery and exit surveys are exempt
 * from that limit); otherwise records a skipped invitation with the reason. Idempotent per request.
 */
export async function sendSurvey(ctx: Ctx, request: SendRequest): Promise<Invitation> {
  const req = requestSurveySchema.parse(request) as SendRequest;
  if (!req.triggerRef) req.triggerRef = `manual:${newId('req')}`;
  return inTransaction(ctx, async (tx) => {
    const def = await getDefRow(tx, req.definitionCode);
    const dedupeKey = dedupeKeyOf({ ...req, definitionCode: def.code });
    const existing = await tx.db
      .selectFrom('survey_invitations')
      .selectAll()
      .where('dedupe_key', '=', dedupeKey)
      .executeTakeFirst();
    if (existing) return toInvitation(existing, def.code);
    const settings = await getSurveySettings(tx);
    const customer = await ports.getCustomer(tx, req.customerId);
    const now = tx.clock.now();
    let teamId: string | null = null;
    if (req.agentId)
      teamId = await ports.getUser(tx, req.agentId).then(
        (u) => u.teamId,
        () => null,
      );
    const row: InvRow = {
      id: newId('sinv'),
      definition_id: def.id,
      customer_id: customer.id,
      dedupe_key: dedupeKey,
      trigger_ref: req.triggerRef ?? null,
      touchpoint_code: req.touchpointCode ?? def.touchpoint_code,
      agent_id: req.agentId ?? null,
      team_id: teamId,
      case_id: req.caseId ?? null,
      locale: customer.locale,
      status: 'skipped',
      skip_reason: null,
      consent_basis: null,
      nonce_secret: null,
      created_at: now.toISOString(),
      sent_at: null,
      expires_at: null,
      reminder_sent_at: null,
      answered_at: null,
    };
    const skip = async (reason: SkipReason) => {
      row.skip_reason = reason;
      await tx.db.insertInto('survey_invitations').values(row).execute();
      await recordAudit(tx, {
        entityType: 'survey_invitation',
        entityId: row.id,
        customerId: customer.id,
        action: 'skip',
        changes: diff(null, { definition: def.code, skipReason: reason }),
      });
      return toInvitation(row, def.code);
    };
    if (def.active !== 1) return skip('definition_inactive');
    if (customer.status === 'erased' || customer.status === 'prospect') return skip('customer_inactive');
    if (!customer.email) return skip('no_email');
    const permission = await ports.getContactPermission(tx, customer.id, 'email', 'surveys');
    if (!permission.allowed) return skip(permission.basis === 'objection' ? 'objected' : 'no_consent');
    // §7(3) UWG: the existing-customer exception needs an address given with a purchase.
    if (
      permission.basis === 'existing_customer' &&
      !(await ports.lastPurchaseAt(tx, [customer.id])).has(customer.id)
    ) {
      return skip('existing_customer_without_purchase');
    }
    if (def.precedence !== 1 && settings.minDaysBetweenSurveys > 0) {
      const since = new Date(now.getTime() - settings.minDaysBetweenSurveys * DAY).toISOString();
      const recent = await tx.db
        .selectFrom('survey_invitations')
        .select('id')
        .where('customer_id', '=', customer.id)
        .where('sent_at', 'is not', null)
        .where('sent_at', '>', since)
        .executeTakeFirst();
      if (recent) return skip('too_often');
    }
    row.status = 'sent';
    row.consent_basis = permission.basis;
    row.nonce_secret = randomBytes(32).toString('base64url');
    row.sent_at = now.toISOString();
    row.expires_at = new Date(now.getTime() + settings.tokenValidDays * DAY).toISOString();
    await tx.db.insertInto('survey_invitations').values(row).execute();
    const token = await issueToken(tx, row.id);
    await enqueueMail(tx, surveyMail(tx, { def, inv: row, token, customer, reminder: false }));
    if (settings.reminderAfterDays > 0) {
      await enqueueJob(tx, {
        type: 'surveys.remind',
        key: `surveys.remind:${row.id}`,
        payload: { invitationId: row.id },
        runAt: new Date(now.getTime() + settings.reminderAfterDays * DAY),
      });
    }
    await recordAudit(tx, {
      entityType: 'survey_invitation',
      entityId: row.id,
      customerId: customer.id,
      action: 'send',
      changes: diff(null, {
        definition: def.code,
        consentBasis: permission.basis,
        expiresAt: row.expires_at,
      }),
    });
    return toInvitation(row, def.code);
  });
}

async function issueToken(ctx: Ctx, invitationId: string): Promise<string> {
  const token = newToken();
  await ctx.db
    .insertInto('survey_tokens')
    .values({ token_hash: hashToken(token), invitation_id: invitationId, created_at: nowIso(ctx) })
    .execute();
  return token;
}

/**
 * Sends the one reminder of an invitation that is still unanswered, unexpired and whose customer
 * still may be contacted (a new link; the first one keeps working). Does nothing otherwise.
 */
export async function sendReminder(ctx: Ctx, invitationId: string): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const inv = await tx.db
      .selectFrom('survey_invitations')
      .selectAll()
      .where('id', '=', invitationId)
      .executeTakeFirst();
    if (inv?.status !== 'sent' || inv.reminder_sent_at || !inv.expires_at || inv.expires_at <= nowIso(tx))
      return false;
    const customer = await ports.getCustomer(tx, inv.customer_id);
    if (!customer.email || customer.status === 'erased') return false;
    const permission = await ports.getContactPermission(tx, customer.id, 'email', 'surveys');
    if (!permission.allowed) return false;
    const def = await getDefRow(tx, inv.definition_id);
    const claimed = await tx.db
      .updateTable('survey_invitations')
      .set({ reminder_sent_at: nowIso(tx) })
      .where('id', '=', inv.id)
      .where('reminder_sent_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    const token = await issueToken(tx, inv.id);
    await enqueueMail(tx, surveyMail(tx, { def, inv, token, customer, reminder: true }));
    await recordAudit(tx, {
      entityType: 'survey_invitation',
      entityId: inv.id,
      customerId: customer.id,
      action: 'remind',
    });
    return true;
  });
}

/** The public link of a survey token (the answer page). */
export function surveyUrl(ctx: Ctx, token: string): string {
  return `${ctx.config.publicUrl}/s/${token}`;
}

function formatDate(locale: string, isoString: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'long',
    timeZone: 'Europe/Berlin',
  }).format(new Date(isoString));
}

function surveyMail(
  ctx: Ctx,
  m: {
    def: DefRow;
    inv: InvRow;
    token: string;
    customer: { id: string; name: string; email: string | null; locale: string };
    reminder: boolean;
  },
) {
  const t = texts(m.inv.locale);
  const question = m.inv.locale === 'en' ? m.def.question_en : m.def.question_de;
  const url = surveyUrl(ctx, m.token);
  const objectionUrl = `${url}/objection`;
  const range = SCALE_RANGE[m.def.scale as Scale];
  const scores = range ? Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i) : [];
  const labels = range ? t.scale[m.def.scale as 'csat' | 'nps' | 'ces'] : null;
  const validUntil = fill(t.mail.validUntil, { date: formatDate(m.inv.locale, m.inv.expires_at!) });
  const greeting = fill(t.mail.greeting, { name: m.customer.name });
  const textLines = [greeting, '', t.mail.intro, '', question, ''];
  if (range) {
    textLines.push(`${t.mail.pickScore} (${range[0]} = ${labels!.low}, ${range[1]} = ${labels!.high})`);
    for (const s of scores) textLines.push(`  ${s}: ${url}?score=${s}`);
    textLines.push('');
  }
  textLines.push(
    t.mail.openLink,
    url,
    '',
    validUntil,
    '',
    t.mail.signature,
    '',
    '--',
    t.mail.objection,
    objectionUrl,
  );
  const button = (s: number) =>
    `<a href="${esc(`${url}?score=${s}`)}" style="display:inline-block;min-width:36px;padding:10px 6px;margin:2px;border:1px solid #1c5d99;border-radius:6px;color:#1c5d99;text-decoration:none;text-align:center;font-weight:bold">${s}</a>`;
  const html = [
    `<!doctype html><html lang="${m.inv.locale === 'en' ? 'en' : 'de'}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;color:#222;line-height:1.5">`,
    `<p>${esc(greeting)}</p><p>${esc(t.mail.intro)}</p><p><strong>${esc(question)}</strong></p>`,
    range
      ? `<p>${esc(t.mail.pickScore)}</p><p>${scores.map(button).join('')}</p><p style="font-size:13px;color:#555">${range[0]} = ${esc(labels!.low)}, ${range[1]} = ${esc(labels!.high)}</p>`
      : '',
    `<p>${esc(t.mail.openLink)} <a href="${esc(url)}">${esc(url)}</a></p><p style="font-size:13px;color:#555">${esc(validUntil)}</p>`,
    `<p>${esc(t.mail.signature).replace(/\n/g, '<br>')}</p>`,
    `<hr><p style="font-size:13px;color:#555">${esc(t.mail.objection)} <a href="${esc(objectionUrl)}">${esc(t.page.objectionLink)}</a></p>`,
    '</body></html>',
  ].join('');
  return {
    to: m.customer.email!,
    customerId: m.customer.id,
    purpose: 'survey',
    subject: m.reminder ? t.mail.reminderSubject : fill(t.mail.subject, { question }),
    text: textLines.join('\n'),
    html,
    headers: {
      'List-Unsubscribe': `<${objectionUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The public page: tokens, nonces, answers, objection

export type PublicSurvey = {
  invitationId: string;
  customerId: string;
  locale: 'de' | 'en';
  scale: Scale;
  question: string;
  commentPrompt: string | null;
  reasons: Array<{ code: string; label: string }>;
  answered: boolean;
  /** Whether the link is still valid for answering (objection works on every known link). */
  expired: boolean;
  nonceSecret: string;
  tokenHash: string;
};

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The survey behind a link, or null when the token is unknown (the caller shows a neutral page). */
export async function findSurveyByToken(ctx: Ctx, token: string): Promise<PublicSurvey | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = await ctx.db
    .selectFrom('survey_tokens')
    .innerJoin('survey_invitations', 'survey_invitations.id', 'survey_tokens.invitation_id')
    .innerJoin('survey_definitions', 'survey_definitions.id', 'survey_invitations.definition_id')
    .select([
      'survey_invitations.id as invitation_id',
      'survey_invitations.customer_id',
      'survey_invitations.locale',
      'survey_invitations.status',
      'survey_invitations.expires_at',
      'survey_invitations.nonce_secret',
      'survey_definitions.scale',
      'survey_definitions.question_de',
      'survey_definitions.question_en',
      'survey_definitions.comment_de',
      'survey_definitions.comment_en',
      'survey_definitions.reasons',
    ])
    .where('survey_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row?.nonce_secret) return null;
  const locale = row.locale === 'en' ? 'en' : 'de';
  const reasons = (JSON.parse(row.reasons) as Array<{ code: string; de: string; en: string }>).map((r) => ({
    code: r.code,
    label: r[locale],
  }));
  return {
    invitationId: row.invitation_id,
    customerId: row.customer_id,
    locale,
    scale: row.scale as Scale,
    question: locale === 'en' ? row.question_en : row.question_de,
    commentPrompt: locale === 'en' ? row.comment_en : row.comment_de,
    reasons,
    answered: row.status === 'answered',
    expired: !row.expires_at || row.expires_at <= nowIso(ctx),
    nonceSecret: row.nonce_secret,
    tokenHash,
  };
}

/** A per-page form nonce: issue time plus an HMAC over the token hash with the invitation's secret. */
export function issueNonce(ctx: Ctx, survey: Pick<PublicSurvey, 'nonceSecret' | 'tokenHash'>): string {
  const at = ctx.clock.now().getTime().toString(36);
  return `${at}.${nonceMac(survey, at)}`;
}

function nonceMac(survey: Pick<PublicSurvey, 'nonceSecret' | 'tokenHash'>, at: string): string {
  return createHmac('sha256', survey.nonceSecret).update(`${survey.tokenHash}:${at}`).digest('base64url');
}

/** Whether a nonce was issued for this survey's page within the last day. */
export function verifyNonce(
  ctx: Ctx,
  survey: Pick<PublicSurvey, 'nonceSecret' | 'tokenHash'>,
  nonce: unknown,
): boolean {
  if (typeof nonce !== 'string' || nonce.length > 100) return false;
  const [at, mac] = nonce.split('.');
  if (!at || !mac) return false;
  const issued = Number.parseInt(at, 36);
  const now = ctx.clock.now().getTime();
  if (!Number.isFinite(issued) || issued > now + 60_000 || now - issued > DAY) return false;
  const expected = Buffer.from(nonceMac(survey, at));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type AnswerForm = { score?: unknown; reason?: unknown; comment?: unknown };

/**
 * Validates an answer form against the survey; returns the clean answer or the fields at fault
 * (by field name, with the message in the customer's language).
 */
export function validateAnswerForm(
  survey: PublicSurvey,
  form: AnswerForm,
):
  | { ok: true; score: number | null; reason: string | null; comment: string | null }
  | { ok: false; errors: Array<{ path: string; message: string }> } {
  const t = texts(survey.locale);
  const errors: Array<{ path: string; message: string }> = [];
  const str = (v: unknown) =>
    typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[0] ?? '').trim() : '';
  const rawScore = str(form.score);
  const rawReason = str(form.reason);
  const rawComment = str(form.comment).replace(/\r\n/g, '\n');
  let score: number | null = null;
  const range = SCALE_RANGE[survey.scale];
  if (rawScore !== '') {
    const n = Number(rawScore);
    if (!range || !/^\d{1,2}$/.test(rawScore) || n < range[0] || n > range[1])
      errors.push({ path: 'score', message: t.page.errorScore });
    else score = n;
  }
  let reason: string | null = null;
  if (rawReason !== '') {
    if (!survey.reasons.some((r) => r.code === rawReason))
      errors.push({ path: 'reason', message: t.page.errorReason });
    else reason = rawReason;
  }
  if (rawComment.length > 4000) errors.push({ path: 'comment', message: t.page.errorComment });
  const comment = rawComment === '' ? null : rawComment;
  if (errors.length === 0 && score === null && reason === null && comment === null) {
    errors.push(
      range ? { path: 'score', message: t.page.errorScore } : { path: 'reason', message: t.page.errorReason },
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, score, reason, comment };
}

/**
 * Records the answer to a survey link: once per invitation (a second answer is TOKEN_USED),
 * never after expiry (TOKEN_INVALID, like an unknown link). Queues the follow-up (task, reopened
 * case, praise) and emits survey.answered in the same transaction.
 */
export async function answerSurvey(
  ctx: Ctx,
  token: string,
  answer: { score: number | null; reason: string | null; comment: string | null },
): Promise<Answer> {
  const survey = await findSurveyByToken(ctx, token);
  if (!survey || survey.expired) throw new AppError('TOKEN_INVALID');
  if (survey.answered) throw new AppError('TOKEN_USED');
  return inTransaction(ctx, async (tx) => {
    const now = nowIso(tx);
    const claimed = await tx.db
      .updateTable('survey_invitations')
      .set({ status: 'answered', answered_at: now })
      .where('id', '=', survey.invitationId)
      .where('status', '=', 'sent')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new AppError('TOKEN_USED');
    const inv = (await tx.db
      .selectFrom('survey_invitations')
      .selectAll()
      .where('id', '=', survey.invitationId)
      .executeTakeFirst())!;
    const def = await getDefRow(tx, inv.definition_id);
    const row: AnswerRow = {
      id: newId('sans'),
      invitation_id: inv.id,
      definition_id: def.id,
      customer_id: inv.customer_id,
      scale: def.scale,
      score: answer.score,
      reason_code: answer.reason,
      comment: answer.comment,
      praise: isPraise(def.scale, answer.score, answer.comment) && inv.agent_id ? 1 : 0,
      touchpoint_code: inv.touchpoint_code,
      agent_id: inv.agent_id,
      team_id: inv.team_id,
      case_id: inv.case_id,
      locale: inv.locale,
      answered_at: now,
      comment_erased_at: null,
    };
    await tx.db.insertInto('survey_answers').values(row).execute();
    await recordAudit(tx, {
      entityType: 'survey_answer',
      entityId: row.id,
      customerId: row.customer_id,
      action: 'answer',
      changes: diff(null, {
        definition: def.code,
        score: row.score,
        reasonCode: row.reason_code,
        withComment: row.comment !== null,
      }),
    });
    if (needsFollowUp(def.scale, row.score) || row.praise === 1) {
      await enqueueJob(tx, {
        type: 'surveys.follow-up',
        key: `surveys.follow-up:${row.id}`,
        payload: { answerId: row.id },
      });
    }
    await emitEvent(tx, 'survey.answered', {
      customerId: row.customer_id,
      answerId: row.id,
      definitionCode: def.code,
      scale: def.scale,
      score: row.score,
      caseId: row.case_id,
      agentId: row.agent_id,
      at: now,
    });
    return toAnswer(row, def.code);
  });
}

/**
 * Records the customer's objection to survey e-mails (consent history: basis 'objection',
 * status 'withdrawn'); every later survey is skipped from then on. Works on any known link,
 * answered or expired; unknown links are TOKEN_INVALID.
 */
export async function objectToSurveys(ctx: Ctx, token: string, source: string): Promise<void> {
  const survey = await findSurveyByToken(ctx, token);
  if (!survey) throw new AppError('TOKEN_INVALID');
  await inTransaction(ctx, async (tx) => {
    const current = await ports.getContactPermission(tx, survey.customerId, 'email', 'surveys');
    if (current.basis === 'objection' && !current.allowed) return;
    await ports.recordConsent(tx, survey.customerId, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'objection',
      status: 'withdrawn',
      source,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Closing the loop

/**
 * Acts on one answer: a bad answer (NPS 0–6, CSAT/CES 1–2, any exit interview) becomes a
 * follow-up task for the customer's owner due in followUpHours; a bad recovery answer also
 * reopens and escalates the case; praise about an agent is mailed to them. Idempotent.
 */
export async function followUpAnswer(
  ctx: Ctx,
  answerId: string,
): Promise<{ taskId: string | null; reopened: boolean; praiseMailed: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const a = await tx.db
      .selectFrom('survey_answers')
      .selectAll()
      .where('id', '=', answerId)
      .executeTakeFirst();
    if (!a) return { taskId: null, reopened: false, praiseMailed: false };
    const def = await getDefRow(tx, a.definition_id);
    const settings = await getSurveySettings(tx);
    const customer = await ports.getCustomer(tx, a.customer_id);
    const out = { taskId: null as string | null, reopened: false, praiseMailed: false };
    if (needsFollowUp(a.scale, a.score)) {
      const owner = customer.ownerId ? await ports.getUser(tx, customer.ownerId).catch(() => null) : null;
      const t = texts(owner?.locale ?? 'de');
      const reasonLabel = a.reason_code
        ? ((JSON.parse(def.reasons) as Array<{ code: string; de: string; en: string }>).find(
            (r) => r.code === a.reason_code,
          )?.[owner?.locale === 'en' ? 'en' : 'de'] ?? a.reason_code)
        : '–';
      const scoreText = a.score === null ? '–' : String(a.score);
      const title =
        a.scale === 'none'
          ? fill(t.followUp.exitTitle, { reason: reasonLabel })
          : fill(t.followUp.taskTitle, { kind: a.scale.toUpperCase(), score: scoreText });
      const task = await ports.createTask(tx, {
        customerId: a.customer_id,
        caseId: a.case_id ?? undefined,
        title,
        description: fill(t.followUp.taskDescription, {
          code: def.code,
          at: a.answered_at,
          score: scoreText,
          reason: reasonLabel,
          comment: a.comment ?? '–',
        }),
        dueAt: new Date(tx.clock.now().getTime() + settings.followUpHours * 3_600_000).toISOString(),
        priority: 'high',
        source: 'survey_followup',
        sourceRef: a.id,
        dedupeKey: `survey_followup:${a.id}`,
      });
      out.taskId = task.id;
      if (
        def.trigger === 'case_closed' &&
        a.scale === 'csat' &&
        a.case_id &&
        a.score !== null &&
        a.score <= 2
      ) {
        out.reopened = await reopenForAnswer(
          tx,
          a.case_id,
          fill(texts('de').followUp.reopenReason, { score: a.score }),
        );
      }
    }
    if (a.praise === 1 && a.agent_id && a.comment) {
      const agent = await ports.getUser(tx, a.agent_id).catch(() => null);
      if (agent?.active) {
        const t = texts(agent.locale);
        await enqueueMail(tx, {
          to: agent.email,
          customerId: a.customer_id,
          purpose: 'survey_praise',
          subject: t.staff.praiseSubject,
          text: fill(t.staff.praiseText, {
            score: `${a.score} (${a.scale.toUpperCase()})`,
            comment: a.comment,
          }),
        });
        out.praiseMailed = true;
      }
    }
    await recordAudit(tx, {
      entityType: 'survey_answer',
      entityId: a.id,
      customerId: a.customer_id,
      action: 'follow_up',
      changes: diff(null, out),
    });
    return out;
  });
}

/** Reopens and escalates a complaint case after a bad recovery answer (the cases domain decides how). */
async function reopenForAnswer(ctx: Ctx, caseId: string, reason: string): Promise<boolean> {
  try {
    await ports.reopenCase(ctx, caseId, reason, { escalate: true });
    return true;
  } catch (err) {
    // Already reopened (a retried job): the goal is reached.
    if (err instanceof AppError && err.code === 'CASE_STATE_INVALID') return false;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Periodic relationship survey

/**
 * Queues the periodic (relationship NPS) survey for every active customer with an e-mail address
 * and a consent basis who had none sent within relationshipEveryMonths (and none skipped within
 * the frequency period). Returns how many were queued.
 */
export async function scheduleRelationshipSurveys(ctx: Ctx): Promise<number> {
  const defs = await definitionsForTrigger(ctx, 'periodic');
  if (defs.length === 0) return 0;
  const settings = await getSurveySettings(ctx);
  const now = ctx.clock.now();
  const sentCutoff = new Date(now);
  sentCutoff.setUTCMonth(sentCutoff.getUTCMonth() - settings.relationshipEveryMonths);
  const anyCutoff = new Date(now.getTime() - Math.max(1, settings.minDaysBetweenSurveys) * DAY).toISOString();
  const day = now.toISOString().slice(0, 10);
  let queued = 0;
  for (const def of defs) {
    const recent = await ctx.db
      .selectFrom('survey_invitations')
      .select('customer_id')
      .distinct()
      .where('definition_id', '=', def.id)
      .where((eb) => eb.or([eb('sent_at', '>', sentCutoff.toISOString()), eb('created_at', '>', anyCutoff)]))
      .execute();
    const skip = new Set(recent.map((r) => r.customer_id));
    let cursor: string | undefined;
    do {
      const page = await ports.listCustomers(ctx, { status: 'active', limit: 500, cursor });
      for (const c of page.items) {
        if (skip.has(c.id) || !c.email) continue;
        const permission = await ports.getContactPermission(ctx, c.id, 'email', 'surveys');
        if (!permission.allowed) continue;
        const r = await requestSurvey(ctx, {
          customerId: c.id,
          definitionCode: def.code,
          triggerRef: `periodic:${day}`,
        });
        if (r.queued) queued++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return queued;
}

// ---------------------------------------------------------------------------------------------
// Lists

function toAnswer(r: AnswerRow, code: string): Answer {
  return {
    id: r.id,
    invitationId: r.invitation_id,
    definitionCode: code,
    customerId: r.customer_id,
    scale: r.scale as Scale,
    score: r.score,
    reasonCode: r.reason_code,
    comment: r.comment,
    praise: r.praise === 1,
    touchpointCode: r.touchpoint_code,
    agentId: r.agent_id,
    teamId: r.team_id,
    caseId: r.case_id,
    answeredAt: r.answered_at,
  };
}

async function codesById(ctx: Ctx): Promise<Map<string, string>> {
  const rows = await ctx.db.selectFrom('survey_definitions').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** A page of invitations (sent, skipped with reason, answered), newest first. */
export async function listInvitations(ctx: Ctx, query: ListInvitationsQuery) {
  const codes = await codesById(ctx);
  let q = ctx.db.selectFrom('survey_invitations').selectAll();
  if (query.customerId) q = q.where('customer_id', '=', query.customerId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.definitionCode)
    q = q.where('definition_id', '=', [...codes].find(([, c]) => c === query.definitionCode)?.[0] ?? '-');
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where('id', '<', String(cursor[0]));
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(
    rows,
    query.limit,
    (r) => toInvitation(r, codes.get(r.definition_id) ?? '?'),
    (r) => [r.id],
  );
}

/** A page of answers, newest first. */
export async function listAnswers(ctx: Ctx, query: ListAnswersQuery) {
  const codes = await codesById(ctx);
  let q = ctx.db.selectFrom('survey_answers').selectAll();
  if (query.customerId) q = q.where('customer_id', '=', query.customerId);
  if (query.definitionCode)
    q = q.where('definition_id', '=', [...codes].find(([, c]) => c === query.definitionCode)?.[0] ?? '-');
  if (query.from) q = q.where('answered_at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('answered_at', '<', new Date(query.to).toISOString());
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where('id', '<', String(cursor[0]));
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(
    rows,
    query.limit,
    (r) => toAnswer(r, codes.get(r.definition_id) ?? '?'),
    (r) => [r.id],
  );
}

/** A customer's survey answers, newest first (for the customer view and churn signals). */
export async function listAnswersForCustomer(ctx: Ctx, customerId: string): Promise<Answer[]> {
  const codes = await codesById(ctx);
  const rows = await ctx.db
    .selectFrom('survey_answers')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('answered_at', 'desc')
    .execute();
  return rows.map((r) => toAnswer(r, codes.get(r.definition_id) ?? '?'));
}

/** A page of praise (NPS 9–10 or CSAT 5 with a comment, concerning an agent), newest first. */
export async function listPraise(ctx: Ctx, query: PraiseQuery) {
  let q = ctx.db
    .selectFrom('survey_answers')
    .selectAll()
    .where('praise', '=', 1)
    .where('comment', 'is not', null);
  if (query.teamId) q = q.where('team_id', '=', query.teamId);
  if (query.from) q = q.where('answered_at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('answered_at', '<', new Date(query.to).toISOString());
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where('id', '<', String(cursor[0]));
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const users = new Map((await ports.listUsers(ctx)).map((u) => [u.id, u.name]));
  return toPage(
    rows,
    query.limit,
    (r) => ({
      answerId: r.id,
      answeredAt: r.answered_at,
      agentId: r.agent_id,
      agentName: r.agent_id ? (users.get(r.agent_id) ?? null) : null,
      teamId: r.team_id,
      scale: r.scale as Scale,
      score: r.score,
      comment: r.comment,
      touchpointCode: r.touchpoint_code,
    }),
    (r) => [r.id],
  );
}

// ---------------------------------------------------------------------------------------------
// Privacy

/** Everything the surveys domain holds about a customer: invitations and answers. */
export async function exportCustomerSurveys(ctx: Ctx, customerId: string) {
  const codes = await codesById(ctx);
  const invitations = await ctx.db
    .selectFrom('survey_invitations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .execute();
  const answers = await ctx.db
    .selectFrom('survey_answers')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('answered_at')
    .execute();
  return {
    invitations: invitations.map((r) => toInvitation(r, codes.get(r.definition_id) ?? '?')),
    answers: answers.map((r) => toAnswer(r, codes.get(r.definition_id) ?? '?')),
  };
}

/** Erasure blanks comments and kills the links; scores, reasons and dates stay for aggregates. */
export async function eraseCustomerSurveys(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('survey_answers')
    .set({ comment: null, praise: 0, comment_erased_at: nowIso(ctx) })
    .where('customer_id', '=', customerId)
    .execute();
  const invIds = ctx.db.selectFrom('survey_invitations').select('id').where('customer_id', '=', customerId);
  await ctx.db.deleteFrom('survey_tokens').where('invitation_id', 'in', invIds).execute();
  await ctx.db
    .updateTable('survey_invitations')
    .set({ nonce_secret: null, trigger_ref: null })
    .where('customer_id', '=', customerId)
    .execute();
}

/** A customer's bad survey ratings in a period (for the churn early warning). */
export type BadRatings = {
  count: number;
  /** The most recent bad answer. */
  latest: { scale: 'nps' | 'csat' | 'ces'; score: number; answeredAt: string };
};

/**
 * Per customer: the answers since `since` (ISO, inclusive) that count as bad under the given limits
 * (NPS at most `npsAtMost`, i.e. a detractor at 6; CSAT at most `csatAtMost`; CES at most `cesAtMost`),
 * with the most recent one. Exit interviews (no scale) are not ratings and are left out. One query.
 */
export async function badRatingsByCustomer(
  ctx: Ctx,
  options: { since: string; npsAtMost: number; csatAtMost: number; cesAtMost: number },
): Promise<Map<string, BadRatings>> {
  const rows = await ctx.db
    .selectFrom('survey_answers')
    .select(['customer_id', 'scale', 'score', 'answered_at'])
    .where('answered_at', '>=', new Date(options.since).toISOString())
    .where('score', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('scale', '=', 'nps'), eb('score', '<=', options.npsAtMost)]),
        eb.and([eb('scale', '=', 'csat'), eb('score', '<=', options.csatAtMost)]),
        eb.and([eb('scale', '=', 'ces'), eb('score', '<=', options.cesAtMost)]),
      ]),
    )
    .orderBy('answered_at')
    .orderBy('id')
    .execute();
  const out = new Map<string, BadRatings>();
  for (const r of rows) {
    const latest = {
      scale: r.scale as BadRatings['latest']['scale'],
      score: Number(r.score),
      answeredAt: r.answered_at,
    };
    const b = out.get(r.customer_id);
    if (b) {
      b.count++;
      b.latest = latest;
    } else out.set(r.customer_id, { count: 1, latest });
  }
  return out;
}
