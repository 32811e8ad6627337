// Receiving a complaint: the case with its reference and points, an owner, anger and priority, the
// SLA due times, the acknowledgement mail, the case.created event and any escalation, in one transaction.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Customer } from '../customers/customers.schema.js';
import { getCustomer } from '../customers/customers.service.js';
import { diff } from '../platform/audit/audit.service.js';
import type { User } from '../platform/auth/auth.schema.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { AppError, invalid } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { getCompanyTimeZone, localDay } from '../platform/time/index.js';
import { newId } from '../platform/ids.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { detectAnger } from './anger/index.js';
import { checkTouchpoint } from './case-codes.js';
import {
  activeStaff,
  adjustOwnerLoad,
  auditCase,
  type CaseRow,
  getCaseRow,
  loadCase,
  type PointRow,
  slaColumns,
  toCase,
} from './case-core.js';
import { type EscalationReason, escalateCase } from './case-escalation.js';
import { assignOwner } from './case-owner-choice.js';
import { newPoint } from './case-points.service.js';
import { computePriority } from './case-priority.js';
import { withStatusLink } from './case-status-tokens.js';
import { indexCaseTexts, searchTextsOf } from './case-search.service.js';
import { type CaseSettings, getCaseSettings } from './case-settings.js';
import { type Case, type CreateCase, createCaseSchema } from './cases.schema.js';
import { fill, formatDateTime, langOf, textsFor } from './cases.texts.js';

/** A complaint as received, after validation (defaults filled in). */
type Complaint = z.output<typeof createCaseSchema>;

/** What intake reads from the complaint's words and the customer: language, anger, priority. */
type Assessment = {
  lang: ReturnType<typeof langOf>;
  description: string;
  anger: ReturnType<typeof detectAnger>;
  prio: ReturnType<typeof computePriority>;
};

/**
 * How intake runs for the public complaint form: the case starts 'unverified', and the form sends
 * its own acknowledgement (which must not echo the text to an unconfirmed address).
 */
export type IntakeOptions = { verification?: 'unverified'; acknowledge?: boolean };

/**
 * Receives a complaint: creates the case with its points, assigns a named owner, assesses anger and
 * priority, sets the SLA due times, and in the same transaction queues the acknowledgement mail (in
 * the customer's language, naming owner and answer-by date), the case.created event and any
 * escalation (anger, leaving, high-value customer).
 */
export async function createCase(ctx: Ctx, input: CreateCase, opts: IntakeOptions = {}): Promise<Case> {
  const data = createCaseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const customer = await complainingCustomer(tx, data.customerId);
    await checkTouchpoint(tx, data.touchpointCode);
    const now = tx.clock.now();
    const receivedAt = receivedAtOf(data.receivedAt, now);
    const owner = data.ownerId
      ? await activeStaff(tx, data.ownerId, 'ownerId')
      : await assignOwner(tx, customer);
    const settings = await getCaseSettings(tx);
    const assessment = assessComplaint(data, customer, settings);
    const row = await newCaseRow(tx, { data, customer, owner, assessment, receivedAt, settings, now });
    if (opts.verification) row.verification = opts.verification;
    const points = data.points.map((p, i) => newPoint(row, i + 1, p.text, row.created_at));
    await writeCase(tx, row, points);
    if (opts.acknowledge !== false)
      await acknowledge(tx, row, customer, owner, points, assessment.lang, settings);
    await emitEvent(tx, 'case.created', {
      caseId: row.id,
      customerId: customer.id,
      ownerId: row.owner_id,
      channel: row.channel,
      touchpointCode: row.touchpoint_code,
    });
    const reasons = escalationReasons(assessment, customer, settings);
    if (reasons.length > 0) {
      await escalateCase(tx, row.id, reasons, settings);
      return loadCase(tx, await getCaseRow(tx, row.id));
    }
    // Nothing else wrote to the case: answer from what was just written instead of reading it back.
    return toCase(
      row,
      { points, commitments: [], goodwill: [], escalations: [], ownerName: owner?.name ?? null },
      now,
    );
  });
}

/** The customer who complains: 400 on customerId when unknown, CUSTOMER_ERASED once erased. */
async function complainingCustomer(tx: Ctx, customerId: string): Promise<Customer> {
  const customer = await getCustomer(tx, customerId).catch((err) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw invalid('customerId', 'no such customer');
    throw err;
  });
  if (customer.status === 'erased') throw new AppError('CUSTOMER_ERASED');
  return customer;
}

/** When the complaint arrived: as given (never in the future) or now. */
function receivedAtOf(given: string | null | undefined, now: Date): Date {
  const receivedAt = given ? new Date(given) : now;
  if (receivedAt.getTime() > now.getTime()) throw invalid('receivedAt', 'must not be in the future');
  return receivedAt;
}

/** The anger in the complaint's words (in the customer's language) and the priority it leads to. */
function assessComplaint(data: Complaint, customer: Customer, settings: CaseSettings): Assessment {
  const lang = langOf(customer.locale);
  const description = data.description ?? data.points.map((p) => p.text).join('\n\n');
  const words = [
    data.subject ?? '',
    description,
    ...(data.description ? data.points.map((p) => p.text) : []),
  ];
  const anger = detectAnger(words.join('\n'), lang, { escalateAt: settings.angerEscalateAt });
  const prio = computePriority({
    severity: data.severity,
    angerLevel: anger.level,
    leaving: anger.leaving,
    tier: customer.tier,
    tenureYears: customer.tenureYears,
    valueMinor: customer.revenue12mMinor,
  });
  return { lang, description, anger, prio };
}

/** The next reference of the year, R-YYYY-NNNNNN, from a counter row per year. */
async function nextReference(ctx: Ctx, year: number): Promise<string> {
  const row = await ctx.db
    .insertInto('case_reference_counters')
    .values({ year, last_value: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ last_value: sql<number>`case_reference_counters.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return `R-${year}-${String(row.last_value).padStart(6, '0')}`;
}

/** The new case's row (not yet written), with its reference and SLA columns. */
async function newCaseRow(
  tx: Ctx,
  c: {
    data: Complaint;
    customer: Customer;
    owner: User | null;
    assessment: Assessment;
    receivedAt: Date;
    settings: CaseSettings;
    now: Date;
  },
): Promise<CaseRow> {
  const { data, customer, owner, assessment, settings, now } = c;
  const { anger, prio } = assessment;
  const id = newId('case');
  const receivedIso = c.receivedAt.toISOString();
  const base: CaseRow = {
    id,
    // The year of the reference is the company's local year (a case at 23:30Z on 31 December in
    // Berlin is already next year's).
    reference: await nextReference(
      tx,
      Number(localDay(c.receivedAt, await getCompanyTimeZone(tx)).slice(0, 4)),
    ),
    customer_id: customer.id,
    channel: data.channel,
    touchpoint_code: data.touchpointCode ?? null,
    subject: data.subject ?? null,
    description: assessment.description,
    requested_remedy: data.requestedRemedy ?? null,
    lang: assessment.lang,
    status: 'new',
    in_queue: 1,
    severity: data.severity,
    priority: prio.priority,
    priority_score: prio.score,
    priority_factors: JSON.stringify(prio.factors),
    anger_level: anger.level,
    anger_band: anger.band,
    anger_signals: JSON.stringify(anger.signals),
    leaving: anger.leaving ? 1 : 0,
    customer_tier: customer.tier,
    customer_since: customer.customerSince,
    owner_id: owner?.id ?? null,
    team_id: owner?.teamId ?? null,
    escalation_level: 0,
    received_at: receivedIso,
    first_response_at: null,
    first_response_due_at: null,
    resolution_due_at: null,
    queue_due_at: '',
    sla_warn_at: null,
    sla_fr_escalated: 0,
    sla_res_escalated: 0,
    sla_events: JSON.stringify([{ type: 'received', at: receivedIso }]),
    apology: null,
    root_cause_code: null,
    root_cause_analysis: null,
    preventive_action: null,
    resolved_at: null,
    closed_at: null,
    trivial: 0,
    reopen_count: 0,
    letter_sent_at: null,
    verification: null,
    verified_at: null,
    created_by: tx.actor.id,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  return { ...base, ...slaColumns(base, settings, now) };
}

/** Writes the case and its points, counts it to its owner, indexes its texts and audits the creation. */
async function writeCase(tx: Ctx, row: CaseRow, points: PointRow[]): Promise<void> {
  await tx.db.insertInto('cases').values(row).execute();
  await adjustOwnerLoad(tx, null, row);
  await tx.db.insertInto('case_points').values(points).execute();
  await indexCaseTexts(tx, row.id, row.customer_id, searchTextsOf(row, points));
  await auditCase(tx, row, 'create', {
    ...diff(null, {
      reference: row.reference,
      channel: row.channel,
      touchpointCode: row.touchpoint_code,
      severity: row.severity,
      priority: row.priority,
      priorityScore: row.priority_score,
      ownerId: row.owner_id,
      receivedAt: row.received_at,
      firstResponseDueAt: row.first_response_due_at,
      resolutionDueAt: row.resolution_due_at,
    }),
    points: { before: null, after: points.map((p) => p.text) },
  });
}

function pointsList(points: Array<{ text: string }>): string {
  return points.map((p, i) => `${i + 1}. ${p.text}`).join('\n');
}

/** Queues the acknowledgement mail naming owner, answer-by date and points, and a status link (no address: no mail). */
async function acknowledge(
  tx: Ctx,
  row: CaseRow,
  customer: Customer,
  owner: User | null,
  points: PointRow[],
  lang: ReturnType<typeof langOf>,
  settings: CaseSettings,
): Promise<void> {
  if (!customer.email) return;
  const t = textsFor(lang).ack;
  const vars = {
    reference: row.reference,
    customerName: customer.name,
    ownerName: owner?.name ?? '',
    answerBy: row.resolution_due_at
      ? formatDateTime(row.resolution_due_at, lang, settings.calendar.timeZone)
      : '',
    points: pointsList(points),
  };
  await enqueueMail(tx, {
    to: customer.email,
    subject: fill(t.subject, vars),
    text: await withStatusLink(tx, { caseId: row.id, customerId: customer.id, lang }, fill(t.body, vars)),
    customerId: customer.id,
    purpose: 'case_acknowledgement',
  });
}

/** Why a new case goes straight to a manager: anger, leaving, or a high-value customer. */
function escalationReasons(a: Assessment, customer: Customer, settings: CaseSettings): EscalationReason[] {
  const reasons: EscalationReason[] = [];
  if (a.anger.level >= settings.angerEscalateAt) reasons.push('anger');
  if (a.anger.leaving) reasons.push('leaving');
  if (settings.highValueTiers.includes(customer.tier)) reasons.push('high_value');
  return reasons;
}
