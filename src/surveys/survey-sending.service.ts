// Sending a survey: a request queues the send job; the job makes the send decision and records the
// invitation (skipped with its reason, or sent with a token, the mail and the reminder job).
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { getCompanyTimeZone } from '../platform/time/index.js';
import { invalid, whenNotFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { getDefinitionRow } from './survey-definitions.service.js';
import { surveyMail } from './survey-mail.js';
import { type DefinitionRow, type InvitationRow, toInvitation } from './survey-rows.js';
import { decideSend, type SkipReason } from './survey-send-decision.service.js';
import { getSurveySettings } from './survey-settings.service.js';
import { issueToken } from './survey-tokens.service.js';
import {
  type Invitation,
  type RequestSurvey,
  requestSurveySchema,
  type SurveySettings,
} from './surveys.schema.js';
import * as ports from './surveys.ports.js';

const DAY = 86_400_000;

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
  const def = await getDefinitionRow(ctx, data.definitionCode).catch(
    whenNotFound(() => invalid('definitionCode', 'no such survey definition')),
  );
  await ports
    .getCustomer(ctx, data.customerId)
    .catch(whenNotFound(() => invalid('customerId', 'no such customer')));
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
    const def = await getDefinitionRow(tx, req.definitionCode);
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
    const row = await newInvitationRow(tx, { req, def, customer, dedupeKey, now });
    const decision = await decideSend(tx, def, customer, { ...settings, now });
    if (!decision.send) return recordSkipped(tx, row, def, decision.reason);
    return recordSent(tx, { row, def, customer, settings, now, consentBasis: decision.consentBasis });
  });
}

/** The invitation as drafted before the decision: skipped, with the request's references. */
async function newInvitationRow(
  ctx: Ctx,
  d: { req: SendRequest; def: DefinitionRow; customer: ports.Customer; dedupeKey: string; now: Date },
): Promise<InvitationRow> {
  const { req, def, customer } = d;
  // The team at sending time: praise is reported to the team the agent belonged to then.
  let teamId: string | null = null;
  if (req.agentId)
    teamId = await ports.getUser(ctx, req.agentId).then(
      (u) => u.teamId,
      () => null,
    );
  return {
    id: newId('sinv'),
    definition_id: def.id,
    customer_id: customer.id,
    dedupe_key: d.dedupeKey,
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
    created_at: d.now.toISOString(),
    sent_at: null,
    expires_at: null,
    reminder_sent_at: null,
    answered_at: null,
  };
}

async function recordSkipped(
  ctx: Ctx,
  row: InvitationRow,
  def: DefinitionRow,
  reason: SkipReason,
): Promise<Invitation> {
  row.skip_reason = reason;
  await ctx.db.insertInto('survey_invitations').values(row).execute();
  await recordAudit(ctx, {
    entityType: 'survey_invitation',
    entityId: row.id,
    customerId: row.customer_id,
    action: 'skip',
    changes: diff(null, { definition: def.code, skipReason: reason }),
  });
  return toInvitation(row, def.code);
}

async function recordSent(
  ctx: Ctx,
  s: {
    row: InvitationRow;
    def: DefinitionRow;
    customer: ports.Customer;
    settings: SurveySettings;
    now: Date;
    consentBasis: string | null;
  },
): Promise<Invitation> {
  const { row, def, customer, settings, now } = s;
  row.status = 'sent';
  row.consent_basis = s.consentBasis;
  row.nonce_secret = randomBytes(32).toString('base64url');
  row.sent_at = now.toISOString();
  row.expires_at = new Date(now.getTime() + settings.tokenValidDays * DAY).toISOString();
  await ctx.db.insertInto('survey_invitations').values(row).execute();
  const token = await issueToken(ctx, row.id);
  await enqueueMail(
    ctx,
    surveyMail(ctx, {
      def,
      inv: row,
      token,
      customer,
      reminder: false,
      timeZone: await getCompanyTimeZone(ctx),
    }),
  );
  if (settings.reminderAfterDays > 0) {
    await enqueueJob(ctx, {
      type: 'surveys.remind',
      key: `surveys.remind:${row.id}`,
      payload: { invitationId: row.id },
      runAt: new Date(now.getTime() + settings.reminderAfterDays * DAY),
    });
  }
  await recordAudit(ctx, {
    entityType: 'survey_invitation',
    entityId: row.id,
    customerId: customer.id,
    action: 'send',
    changes: diff(null, { definition: def.code, consentBasis: row.consent_basis, expiresAt: row.expires_at }),
  });
  return toInvitation(row, def.code);
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
    const def = await getDefinitionRow(tx, inv.definition_id);
    if (!(await claimReminder(tx, inv.id))) return false;
    const token = await issueToken(tx, inv.id);
    await enqueueMail(
      tx,
      surveyMail(tx, { def, inv, token, customer, reminder: true, timeZone: await getCompanyTimeZone(tx) }),
    );
    await recordAudit(tx, {
      entityType: 'survey_invitation',
      entityId: inv.id,
      customerId: customer.id,
      action: 'remind',
    });
    return true;
  });
}

/** Marks the reminder as sent unless a concurrent run did; true when this run may send it. */
async function claimReminder(ctx: Ctx, invitationId: string): Promise<boolean> {
  const claimed = await ctx.db
    .updateTable('survey_invitations')
    .set({ reminder_sent_at: nowIso(ctx) })
    .where('id', '=', invitationId)
    .where('reminder_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) > 0;
}
