// Shared internals of the case domain: rows, mapping, the SLA recompute and the case audit trail.
import { type AuditChanges, recordAudit } from '../platform/audit/audit.service.js';
import { getUser } from '../platform/auth/users.service.js';
import type { User } from '../platform/auth/auth.schema.js';
import type { Ctx } from '../platform/context.js';
import { AppError, invalid, notFound, nullIfNotFound } from '../platform/errors.js';
import { type CaseSettings, calendarOf } from './case-settings.js';
import type { Case, Commitment, Escalation, Goodwill, CasePoint } from './cases.schema.js';
import type { CaseTables } from './cases.tables.js';
import {
  addBusinessMinutes,
  computeSla,
  policyFor,
  type SlaEvent,
  type SlaEventType,
  type SlaStatus,
} from './sla/index.js';

export type CaseRow = CaseTables['cases'];
export type PointRow = CaseTables['case_points'];
export type CommitmentRow = CaseTables['case_commitments'];
export type GoodwillRow = CaseTables['case_goodwill'];
export type EscalationRow = CaseTables['case_escalations'];

/** States in which a case is in someone's queue. */
export const QUEUE_STATES = ['new', 'open', 'waiting_customer', 'reopened'];
/** Sorts after every real time: the inbox key of a case without a running resolution clock. */
export const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

export async function getCaseRow(ctx: Ctx, id: string): Promise<CaseRow> {
  const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Case', id);
  return row;
}

/** Throws CASE_STATE_INVALID unless the case is in one of the states. */
export function assertStatus(row: CaseRow, allowed: string[], doing: string): void {
  if (!allowed.includes(row.status)) {
    throw new AppError('CASE_STATE_INVALID', `Case ${row.reference} is ${row.status}; cannot ${doing}`, {
      extra: { caseStatus: row.status },
    });
  }
}

/** An active staff user (for owners, assignees); 400 naming the field otherwise. */
export async function activeStaff(ctx: Ctx, id: string, field: string): Promise<User> {
  const user = await getUser(ctx, id).catch(nullIfNotFound);
  if (!user?.active) throw invalid(field, 'no such active user');
  return user;
}

export async function userName(ctx: Ctx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const u = await getUser(ctx, id).catch(nullIfNotFound);
  return u ? u.name : null;
}

/** Records one change of the case (or of its points, commitments, goodwill) in the case's trail. */
export async function auditCase(
  ctx: Ctx,
  row: Pick<CaseRow, 'id' | 'customer_id'>,
  action: string,
  changes: AuditChanges = {},
) {
  await recordAudit(ctx, {
    entityType: 'case',
    entityId: row.id,
    customerId: row.customer_id,
    action,
    changes,
  });
}

export function slaEventsOf(row: Pick<CaseRow, 'sla_events'>): SlaEvent[] {
  return (JSON.parse(row.sla_events) as Array<{ type: SlaEventType; at: string }>).map((e) => ({
    type: e.type,
    at: new Date(e.at),
  }));
}

export function withSlaEvent(row: Pick<CaseRow, 'sla_events'>, type: SlaEventType, at: string): string {
  const events = JSON.parse(row.sla_events) as Array<{ type: string; at: string }>;
  events.push({ type, at });
  return JSON.stringify(events);
}

/** Both SLA clocks of the case as of now. */
export function slaStatusOf(
  row: Pick<CaseRow, 'sla_events' | 'priority'>,
  settings: CaseSettings,
  now: Date,
  events = slaEventsOf(row),
): SlaStatus {
  const policy = policyFor(row.priority as keyof CaseSettings['slaPolicies'], settings.slaPolicies);
  return computeSla(events, policy, calendarOf(settings), now);
}

/**
 * The denormalised SLA columns after the clock state changed: due times, the inbox sort key and
 * the instant at which a not yet escalated clock reaches the escalation share.
 */
export function slaColumns(
  row: Pick<CaseRow, 'sla_events' | 'priority' | 'sla_fr_escalated' | 'sla_res_escalated'>,
  settings: CaseSettings,
  now: Date,
): Pick<CaseRow, 'first_response_due_at' | 'resolution_due_at' | 'queue_due_at' | 'sla_warn_at'> {
  const status = slaStatusOf(row, settings, now);
  const cal = calendarOf(settings);
  const warnAt = (clock: SlaStatus['resolution'], escalated: number): Date | null => {
    if (escalated) return null;
    if (clock.state === 'breached') return now;
    if (clock.state !== 'running') return null;
    const left = settings.escalationShare * clock.budgetMinutes - clock.elapsedBusinessMinutes;
    return left <= 0 ? now : addBusinessMinutes(cal, now, left);
  };
  const warns = [
    warnAt(status.firstResponse, row.sla_fr_escalated),
    warnAt(status.resolution, row.sla_res_escalated),
  ]
    .filter((d): d is Date => d !== null)
    .map((d) => d.toISOString())
    .sort();
  const resDue = status.resolution.dueAt?.toISOString() ?? null;
  return {
    first_response_due_at: status.firstResponse.dueAt?.toISOString() ?? null,
    resolution_due_at: resDue,
    queue_due_at: resDue ?? FAR_FUTURE,
    sla_warn_at: warns[0] ?? null,
  };
}

export function tenureYearsOf(since: string, now: Date): number {
  return Math.round(((now.getTime() - new Date(since).getTime()) / (365.2425 * 86_400_000)) * 100) / 100;
}

export function toPoint(r: PointRow): CasePoint {
  return {
    id: r.id,
    position: r.position,
    text: r.text,
    answer: r.answer,
    outcome: r.outcome as CasePoint['outcome'],
    rootCauseCode: r.root_cause_code,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
    splitFrom: r.split_from,
  };
}

export function toCommitment(r: CommitmentRow): Commitment {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind as Commitment['kind'],
    description: r.description,
    ownerId: r.owner_id,
    dueAt: r.due_at,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    currency: r.currency,
    status: r.status as Commitment['status'],
    fulfilledAt: r.fulfilled_at,
    fulfilledBy: r.fulfilled_by,
    note: r.note,
    reminderSentAt: r.reminder_sent_at,
    overdueAlertSentAt: r.overdue_alert_sent_at,
    createdAt: r.created_at,
  };
}

export function toGoodwill(r: GoodwillRow): Goodwill {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind as Goodwill['kind'],
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    description: r.description,
    status: r.status as Goodwill['status'],
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    approvalTaskId: r.approval_task_id,
    approverId: r.status === 'pending_approval' ? (r.approver_id ?? null) : null,
    endorsements: r.endorsements ? JSON.parse(r.endorsements) : [],
  };
}

export function toEscalation(r: EscalationRow): Escalation {
  return {
    id: r.id,
    level: r.level,
    reasons: JSON.parse(r.reasons),
    fromUserId: r.from_user_id,
    toUserId: r.to_user_id,
    taskId: r.task_id,
    at: r.at,
  };
}

export async function activePoints(ctx: Ctx, caseId: string): Promise<PointRow[]> {
  return ctx.db
    .selectFrom('case_points')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', '=', 'active')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** The full case with its active points, commitments, goodwill and escalations. */
export async function loadCase(ctx: Ctx, row: CaseRow): Promise<Case> {
  const [points, commitments, goodwill, escalations, ownerName] = await Promise.all([
    activePoints(ctx, row.id),
    ctx.db
      .selectFrom('case_commitments')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('case_goodwill')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('requested_at')
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('case_escalations')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    userName(ctx, row.owner_id),
  ]);
  return toCase(row, { points, commitments, goodwill, escalations, ownerName }, ctx.clock.now());
}

/** The API shape of a case from its row and parts (points active only, each list in display order). */
export function toCase(
  row: CaseRow,
  parts: {
    points: PointRow[];
    commitments: CommitmentRow[];
    goodwill: GoodwillRow[];
    escalations: EscalationRow[];
    ownerName: string | null;
  },
  now: Date,
): Case {
  const { points, commitments, goodwill, escalations, ownerName } = parts;
  const events = JSON.parse(row.sla_events) as Array<{ type: string }>;
  const lastClockEvent = [...events]
    .reverse()
    .find(
      (e) => e.type === 'paused' || e.type === 'resumed' || e.type === 'reopened' || e.type === 'resolved',
    );
  return {
    id: row.id,
    reference: row.reference,
    customerId: row.customer_id,
    channel: row.channel as Case['channel'],
    touchpointCode: row.touchpoint_code,
    subject: row.subject,
    description: row.description,
    requestedRemedy: row.requested_remedy,
    lang: row.lang === 'en' ? 'en' : 'de',
    status: row.status as Case['status'],
    severity: row.severity as Case['severity'],
    priority: row.priority as Case['priority'],
    priorityScore: Number(row.priority_score),
    priorityFactors: JSON.parse(row.priority_factors),
    anger: {
      level: Number(row.anger_level),
      band: row.anger_band,
      leaving: row.leaving === 1,
      signals: JSON.parse(row.anger_signals),
    },
    customerTier: row.customer_tier,
    customerSince: row.customer_since,
    tenureYears: tenureYearsOf(row.customer_since, now),
    ownerId: row.owner_id,
    ownerName,
    teamId: row.team_id,
    escalationLevel: row.escalation_level,
    receivedAt: row.received_at,
    firstResponseAt: row.first_response_at,
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
    slaPaused: lastClockEvent?.type === 'paused',
    apology: row.apology,
    rootCauseCode: row.root_cause_code,
    rootCauseAnalysis: row.root_cause_analysis,
    preventiveAction: row.preventive_action,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    trivial: row.trivial === 1,
    reopenCount: row.reopen_count,
    letterSentAt: row.letter_sent_at,
    verification: (row.verification as Case['verification']) ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    points: points.map(toPoint),
    commitments: commitments.map(toCommitment),
    goodwill: goodwill.map(toGoodwill),
    escalations: escalations.map(toEscalation),
  };
}

/**
 * Keeps case_owner_loads in step when a case enters or leaves a queue or changes owner (call in
 * the transaction that writes the case; `before` null for a new case).
 */
export async function adjustOwnerLoad(
  ctx: Ctx,
  before: Pick<CaseRow, 'owner_id' | 'in_queue'> | null,
  after: Pick<CaseRow, 'owner_id' | 'in_queue'>,
): Promise<void> {
  const was = before?.in_queue === 1 ? before.owner_id : null;
  const is = after.in_queue === 1 ? after.owner_id : null;
  if (was === is) return;
  if (was) {
    await ctx.db
      .updateTable('case_owner_loads')
      .set((eb) => ({ open_cases: eb('open_cases', '-', 1) }))
      .where('owner_id', '=', was)
      .execute();
  }
  if (is) {
    await ctx.db
      .insertInto('case_owner_loads')
      .values({ owner_id: is, open_cases: 1 })
      .onConflict((oc) =>
        oc
          .column('owner_id')
          .doUpdateSet((eb) => ({ open_cases: eb('case_owner_loads.open_cases', '+', 1) })),
      )
      .execute();
  }
}
