// Complaint cases: intake, points, owner, priority, SLA, inbox, resolution rules, reopen, replies.
import { appCache } from '../platform/app-cache.js';
import { sql } from 'kysely';
import { getCustomer, getCustomers } from '../customers/customers.service.js';
import type { Customer } from '../customers/customers.schema.js';
import { type AuditEntry, diff, listAuditForEntity } from '../platform/audit/audit.service.js';
import type { User } from '../platform/auth/auth.schema.js';
import { getUser, listUsers } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { emitEvent } from '../platform/events.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { getTouchpoint } from '../touchpoints/touchpoints.service.js';
import { getRootCauseCategory } from './root-causes.service.js';
import { indexCaseTexts, removeCaseTexts } from './case-messages.service.js';
import { detectAnger } from './anger/index.js';
import {
  activePoints,
  activeStaff,
  adjustOwnerLoad,
  assertStatus,
  auditCase,
  type CaseRow,
  getCaseRow,
  loadCase,
  type PointRow,
  QUEUE_STATES,
  slaColumns,
  tenureYearsOf,
  toCommitment,
  toEscalation,
  toGoodwill,
  toCase,
  toPoint,
  withSlaEvent,
} from './case-core.js';
import { type EscalationReason, escalateCase } from './case-escalation.js';
import { computePriority, type PriorityFactors, type Severity } from './case-priority.js';
import { type CaseSettings, getCaseSettings } from './case-settings.js';
import {
  addPointSchema,
  answerPointSchema,
  type Case,
  type CasePoint,
  closeCaseSchema,
  type CreateCase,
  createCaseSchema,
  type InboxItem,
  type InboxQuery,
  mergePointsSchema,
  splitPointSchema,
  type UpdateCase,
  updateCaseSchema,
} from './cases.schema.js';
import { fill, formatDateTime, langOf, textsFor } from './cases.texts.js';

/** States from which staff may still work on the points. */
const WORKING_STATES = ['new', 'open', 'waiting_customer', 'reopened'];

// ---------------------------------------------------------------------------------------------
// Lookups other domains use

/** One case with its points, commitments, goodwill and escalations; 404 when unknown. */
export async function getCase(ctx: Ctx, id: string): Promise<Case> {
  return loadCase(ctx, await getCaseRow(ctx, id));
}

/** Throws NOT_FOUND unless the case exists; returns its customer id and status. */
export async function assertCaseExists(
  ctx: Ctx,
  id: string,
): Promise<{ id: string; customerId: string; status: string }> {
  const row = await ctx.db
    .selectFrom('cases')
    .select(['id', 'customer_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Case', id);
  return { id: row.id, customerId: row.customer_id, status: row.status };
}

/** The cases of one customer, newest first (for the customer view). */
export async function listCasesOfCustomer(ctx: Ctx, customerId: string): Promise<Case[]> {
  const rows = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('received_at', 'desc')
    .execute();
  return Promise.all(rows.map((r) => loadCase(ctx, r)));
}

// ---------------------------------------------------------------------------------------------
// Intake

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

/**
 * The active staff of each role that auto-assignment chooses from, per app (keyed by its config),
 * kept for a second: listing every user with all columns cost more than the rest of the
 * intake together (bench/cases.ts). The chosen owner is always re-read and must still be active
 * with that role, otherwise the list is read again; a user created or re-activated meanwhile joins
 * the choice within that second. The loads themselves are always read fresh.
 */
const candidateCache = appCache<string, User[]>(1_000);

function candidatesOf(ctx: Ctx, role: string, fresh: boolean): Promise<User[]> {
  return candidateCache.get(ctx, role, () => listUsers(ctx, { role, activeOnly: true }), fresh);
}

/** The candidate with the fewest queued cases (ties: smallest id; ids are ASCII, so < orders them). */
async function leastLoaded(ctx: Ctx, users: User[]): Promise<User> {
  if (users.length === 1) return users[0];
  // The whole table (one small row per owner who ever had a queued case) costs less than binding
  // every candidate id as a parameter.
  const loads = await ctx.db.selectFrom('case_owner_loads').select(['owner_id', 'open_cases']).execute();
  const load = new Map(loads.map((l) => [l.owner_id, Number(l.open_cases)]));
  let best = users[0];
  let bestLoad = load.get(best.id) ?? 0;
  for (const u of users) {
    const n = load.get(u.id) ?? 0;
    if (n < bestLoad || (n === bestLoad && u.id < best.id)) {
      best = u;
      bestLoad = n;
    }
  }
  return best;
}

/**
 * The owner of a new case: the customer's owner if that is an active agent or manager, otherwise
 * the active agent with the fewest queued cases (then any active manager, then an admin); ties go
 * to the smallest user id. The queued cases per owner are read from case_owner_loads, kept in step by
 * createCase and saveCase (no count over the open cases).
 */
async function assignOwner(ctx: Ctx, customer: Customer): Promise<User | null> {
  if (customer.ownerId) {
    const owner = await getUser(ctx, customer.ownerId).catch(() => null);
    if (owner?.active && (owner.role === 'agent' || owner.role === 'manager')) return owner;
  }
  for (const role of ['agent', 'manager', 'admin']) {
    for (const fresh of [false, true]) {
      const users = await candidatesOf(ctx, role, fresh);
      if (users.length === 0) break;
      const best = await leastLoaded(ctx, users);
      const now = await getUser(ctx, best.id).catch(() => null);
      if (now?.active && now.role === role) return now;
    }
  }
  return null;
}

async function checkTouchpoint(ctx: Ctx, code: string | null | undefined): Promise<void> {
  if (!code) return;
  const tp = await getTouchpoint(ctx, code).catch(() => null);
  if (!tp) throw invalid('touchpointCode', `no touchpoint ${code}`);
}

async function checkRootCause(ctx: Ctx, code: string | null | undefined, path: string): Promise<void> {
  if (!code) return;
  const cat = await getRootCauseCategory(ctx, code);
  if (!cat) throw invalid(path, `no root-cause category ${code}`);
}

/** The case's own searchable text: subject, complaint and requested remedy. */
function complaintText(row: Pick<CaseRow, 'subject' | 'description' | 'requested_remedy'>): string {
  return [row.subject, row.description, row.requested_remedy].filter(Boolean).join('\n');
}

/** What the full-text search indexes of a case: its complaint text and each of the given (active) points. */
function searchTextsOf(
  row: Pick<CaseRow, 'id' | 'subject' | 'description' | 'requested_remedy'>,
  points: Array<{ id: string; text: string }>,
) {
  return [
    { source: 'complaint' as const, sourceId: row.id, text: complaintText(row) },
    ...points.map((p) => ({ source: 'point' as const, sourceId: p.id, text: p.text })),
  ];
}

/**
 * Re-indexes the case for the full-text search from what it says now: the complaint text (subject,
 * description, remedy) and every active point; points retired by a split or merge leave the index.
 * Call it in the transaction that changed any of these texts.
 */
export async function reindexCase(tx: Ctx, caseId: string): Promise<void> {
  const row = await getCaseRow(tx, caseId);
  const points = await tx.db
    .selectFrom('case_points')
    .select(['id', 'text', 'status'])
    .where('case_id', '=', caseId)
    .execute();
  await indexCaseTexts(
    tx,
    caseId,
    row.customer_id,
    searchTextsOf(
      row,
      points.filter((p) => p.status === 'active'),
    ),
  );
  const retired = points.filter((p) => p.status !== 'active').map((p) => p.id);
  if (retired.length > 0) await removeCaseTexts(tx, 'point', retired);
}

function pointsList(points: Array<{ text: string }>): string {
  return points.map((p, i) => `${i + 1}. ${p.text}`).join('\n');
}

/**
 * Receives a complaint: creates the case with its points, assigns a named owner, assesses anger and
 * priority, sets the SLA due times, and in the same transaction queues the acknowledgement mail (in
 * the customer's language, naming owner and answer-by date), the case.created event and any
 * escalation (anger, leaving, high-value customer).
 */
export async function createCase(ctx: Ctx, input: CreateCase): Promise<Case> {
  const data = createCaseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const customer = await getCustomer(tx, data.customerId).catch((err) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND')
        throw invalid('customerId', 'no such customer');
      throw err;
    });
    if (customer.status === 'erased') throw new AppError('CUSTOMER_ERASED');
    await checkTouchpoint(tx, data.touchpointCode);
    const now = tx.clock.now();
    const receivedAt = data.receivedAt ? new Date(data.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime()) throw invalid('receivedAt', 'must not be in the future');
    const owner = data.ownerId
      ? await activeStaff(tx, data.ownerId, 'ownerId')
      : await assignOwner(tx, customer);
    const ownerId = owner?.id ?? null;
    const settings = await getCaseSettings(tx);

    const lang = langOf(customer.locale);
    const description = data.description ?? data.points.map((p) => p.text).join('\n\n');
    const anger = detectAnger(
      [data.subject ?? '', description, ...(data.description ? data.points.map((p) => p.text) : [])].join(
        '\n',
      ),
      lang,
      {
        escalateAt: settings.angerEscalateAt,
      },
    );
    const prio = computePriority({
      severity: data.severity,
      angerLevel: anger.level,
      leaving: anger.leaving,
      tier: customer.tier,
      tenureYears: customer.tenureYears,
      valueMinor: customer.revenue12mMinor,
    });
    const id = newId('case');
    const receivedIso = receivedAt.toISOString();
    const base: CaseRow = {
      id,
      reference: await nextReference(tx, receivedAt.getUTCFullYear()),
      customer_id: customer.id,
      channel: data.channel,
      touchpoint_code: data.touchpointCode ?? null,
      subject: data.subject ?? null,
      description,
      requested_remedy: data.requestedRemedy ?? null,
      lang,
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
      owner_id: ownerId,
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
      created_by: tx.actor.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    const row: CaseRow = { ...base, ...slaColumns(base, settings, now) };
    await tx.db.insertInto('cases').values(row).execute();
    await adjustOwnerLoad(tx, null, row);
    const points: PointRow[] = data.points.map((p, i) => ({
      id: newId('cpt'),
      case_id: id,
      customer_id: customer.id,
      position: i + 1,
      text: p.text,
      status: 'active',
      split_from: null,
      merged_into: null,
      answer: null,
      outcome: null,
      root_cause_code: null,
      answered_at: null,
      answered_by: null,
      created_at: row.created_at,
      updated_at: row.created_at,
    }));
    await tx.db.insertInto('case_points').values(points).execute();
    await indexCaseTexts(tx, id, customer.id, searchTextsOf(row, points));
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

    if (customer.email) {
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
        text: fill(t.body, vars),
        customerId: customer.id,
        purpose: 'case_acknowledgement',
      });
    }
    await emitEvent(tx, 'case.created', {
      caseId: id,
      customerId: customer.id,
      ownerId,
      channel: row.channel,
      touchpointCode: row.touchpoint_code,
    });

    const reasons: EscalationReason[] = [];
    if (anger.level >= settings.angerEscalateAt) reasons.push('anger');
    if (anger.leaving) reasons.push('leaving');
    if (settings.highValueTiers.includes(customer.tier)) reasons.push('high_value');
    if (reasons.length > 0) {
      await escalateCase(tx, id, reasons, settings);
      return getCase(tx, id);
    }
    // Nothing else wrote to the case: answer from what was just written instead of reading it back.
    return toCase(
      row,
      { points, commitments: [], goodwill: [], escalations: [], ownerName: owner?.name ?? null },
      now,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Inbox

/**
 * The queue: cases ordered by priority score (highest first), then by resolution due time (soonest
 * breach first). One indexed query on the cases table; default = every state still in a queue.
 */
export async function listInbox(
  ctx: Ctx,
  q: InboxQuery,
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  let query = ctx.db.selectFrom('cases').selectAll();
  if (q.state) query = query.where('status', '=', q.state);
  else query = query.where('in_queue', '=', 1);
  if (q.owner) query = query.where('owner_id', '=', q.owner);
  if (q.team) query = query.where('team_id', '=', q.team);
  if (q.touchpoint) query = query.where('touchpoint_code', '=', q.touchpoint);
  if (q.customerId) query = query.where('customer_id', '=', q.customerId);
  const cursor = decodeCursor(q.cursor);
  if (cursor) {
    const [score, due, id] = [Number(cursor[0]), String(cursor[1]), String(cursor[2])];
    query = query.where((eb) =>
      eb.or([
        eb('priority_score', '<', score),
        eb.and([eb('priority_score', '=', score), eb('queue_due_at', '>', due)]),
        eb.and([eb('priority_score', '=', score), eb('queue_due_at', '=', due), eb('id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('priority_score', 'desc')
    .orderBy('queue_due_at')
    .orderBy('id')
    .limit(q.limit + 1)
    .execute();
  const names = new Map(
    (await getCustomers(ctx, [...new Set(rows.map((r) => r.customer_id))])).map((c) => [c.id, c.name]),
  );
  const now = ctx.clock.now();
  return toPage(
    rows,
    q.limit,
    (r): InboxItem => ({
      id: r.id,
      reference: r.reference,
      customerId: r.customer_id,
      customerName: names.get(r.customer_id) ?? null,
      customerTier: r.customer_tier,
      tenureYears: tenureYearsOf(r.customer_since, now),
      status: r.status as InboxItem['status'],
      severity: r.severity as InboxItem['severity'],
      priority: r.priority as InboxItem['priority'],
      priorityScore: Number(r.priority_score),
      angerBand: r.anger_band,
      ownerId: r.owner_id,
      teamId: r.team_id,
      touchpointCode: r.touchpoint_code,
      escalationLevel: r.escalation_level,
      receivedAt: r.received_at,
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
    }),
    (r) => [Number(r.priority_score), r.queue_due_at, r.id],
  );
}

// ---------------------------------------------------------------------------------------------
// Changes

/** Writes changed columns of a case, recomputing the SLA columns; audited under `action`. */
async function saveCase(
  tx: Ctx,
  before: CaseRow,
  patch: Partial<CaseRow>,
  action: string,
  settings?: CaseSettings,
  extraAudit: Record<string, { before: unknown; after: unknown }> = {},
): Promise<CaseRow> {
  const s = settings ?? (await getCaseSettings(tx));
  const merged: CaseRow = { ...before, ...patch };
  merged.in_queue = QUEUE_STATES.includes(merged.status) ? 1 : 0;
  const next: CaseRow = { ...merged, ...slaColumns(merged, s, tx.clock.now()), updated_at: nowIso(tx) };
  await tx.db.updateTable('cases').set(next).where('id', '=', before.id).execute();
  await adjustOwnerLoad(tx, before, next);
  const visible = Object.fromEntries(
    Object.keys(patch)
      .filter((k) => k !== 'sla_events' && k !== 'updated_at')
      .map((k) => [k, next[k as keyof CaseRow]]),
  );
  await auditCase(tx, before, action, { ...diff(before, visible), ...extraAudit });
  return next;
}

/** A staff action on a new or reopened case puts it to work (open). */
function openedBy(row: CaseRow): Partial<CaseRow> {
  return row.status === 'new' || row.status === 'reopened' ? { status: 'open' } : {};
}

/**
 * Changes case fields (severity re-prioritises, owner moves team), and the state between open and
 * waiting_customer (pauses/resumes the resolution clock). Audited.
 */
export async function updateCase(ctx: Ctx, id: string, input: UpdateCase): Promise<Case> {
  const data = updateCaseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getCaseRow(tx, id);
    if (before.status === 'closed') assertStatus(before, WORKING_STATES, 'change a closed case');
    const settings = await getCaseSettings(tx);
    const now = nowIso(tx);
    const patch: Partial<CaseRow> = {};
    if (data.touchpointCode !== undefined) {
      await checkTouchpoint(tx, data.touchpointCode);
      patch.touchpoint_code = data.touchpointCode;
    }
    if (data.rootCauseCode !== undefined) {
      await checkRootCause(tx, data.rootCauseCode, 'rootCauseCode');
      patch.root_cause_code = data.rootCauseCode;
    }
    if (data.subject !== undefined) patch.subject = data.subject;
    if (data.requestedRemedy !== undefined) patch.requested_remedy = data.requestedRemedy;
    if (data.apology !== undefined) patch.apology = data.apology;
    if (data.rootCauseAnalysis !== undefined) patch.root_cause_analysis = data.rootCauseAnalysis;
    if (data.preventiveAction !== undefined) patch.preventive_action = data.preventiveAction;
    if (data.ownerId !== undefined && data.ownerId !== before.owner_id) {
      const owner = await activeStaff(tx, data.ownerId, 'ownerId');
      patch.owner_id = owner.id;
      patch.team_id = owner.teamId;
    }
    if (data.severity !== undefined && data.severity !== before.severity) {
      const f = JSON.parse(before.priority_factors) as PriorityFactors;
      const prio = computePriority({ ...f, severity: data.severity as Severity });
      patch.severity = data.severity;
      patch.priority = prio.priority;
      patch.priority_score = prio.score;
      patch.priority_factors = JSON.stringify(prio.factors);
    }
    if (data.status !== undefined && data.status !== before.status) {
      if (data.status === 'waiting_customer') {
        assertStatus(before, ['new', 'open', 'reopened'], 'wait for the customer');
        patch.status = 'waiting_customer';
        patch.sla_events = withSlaEvent(before, 'paused', now);
      } else {
        assertStatus(before, ['new', 'waiting_customer', 'reopened'], 'open');
        patch.status = 'open';
        if (before.status === 'waiting_customer') patch.sla_events = withSlaEvent(before, 'resumed', now);
      }
    } else if (Object.keys(patch).length > 0 && data.status === undefined) {
      Object.assign(patch, openedBy(before));
    }
    if (Object.keys(patch).length === 0) return loadCase(tx, before);
    const saved = await saveCase(tx, before, patch, 'update', settings);
    if (complaintText(saved) !== complaintText(before)) await reindexCase(tx, id);
    return loadCase(tx, saved);
  });
}

// ---------------------------------------------------------------------------------------------
// Points

async function workingRow(tx: Ctx, caseId: string, doing: string): Promise<CaseRow> {
  const row = await getCaseRow(tx, caseId);
  assertStatus(row, WORKING_STATES, doing);
  return row;
}

async function nextPosition(tx: Ctx, caseId: string): Promise<number> {
  const r = await tx.db
    .selectFrom('case_points')
    .select(sql<number>`max(position)`.as('m'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

function newPoint(
  row: CaseRow,
  position: number,
  text: string,
  now: string,
  splitFrom: string | null = null,
): PointRow {
  return {
    id: newId('cpt'),
    case_id: row.id,
    customer_id: row.customer_id,
    position,
    text,
    status: 'active',
    split_from: splitFrom,
    merged_into: null,
    answer: null,
    outcome: null,
    root_cause_code: null,
    answered_at: null,
    answered_by: null,
    created_at: now,
    updated_at: now,
  };
}

async function activePoint(tx: Ctx, caseId: string, pointId: string): Promise<PointRow> {
  const p = await tx.db
    .selectFrom('case_points')
    .selectAll()
    .where('id', '=', pointId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!p) throw notFound('Point', pointId);
  if (p.status !== 'active')
    throw new AppError('CONFLICT', `Point ${pointId} was ${p.status}`, {
      errors: [{ path: 'pointId', message: `point was ${p.status}` }],
    });
  return p;
}

/** Adds a further point (concern) to the case; it needs its own answer. Audited. */
export async function addPoint(ctx: Ctx, caseId: string, input: { text: string }): Promise<CasePoint> {
  const data = addPointSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await workingRow(tx, caseId, 'add a point');
    const p = newPoint(row, await nextPosition(tx, caseId), data.text, nowIso(tx));
    await tx.db.insertInto('case_points').values(p).execute();
    await reindexCase(tx, caseId);
    await saveCase(tx, row, openedBy(row), 'point_add', undefined, {
      point: { before: null, after: { id: p.id, text: p.text } },
    });
    return toPoint(p);
  });
}

/** Splits one point into several (the original is retired, each part needs an answer). Audited. */
export async function splitPoint(
  ctx: Ctx,
  caseId: string,
  pointId: string,
  input: { texts: string[] },
): Promise<CasePoint[]> {
  const data = splitPointSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await workingRow(tx, caseId, 'split a point');
    const original = await activePoint(tx, caseId, pointId);
    const now = nowIso(tx);
    let pos = await nextPosition(tx, caseId);
    const parts = data.texts.map((t) => newPoint(row, pos++, t, now, original.id));
    await tx.db
      .updateTable('case_points')
      .set({ status: 'split', updated_at: now })
      .where('id', '=', original.id)
      .execute();
    await tx.db.insertInto('case_points').values(parts).execute();
    await reindexCase(tx, caseId);
    await saveCase(tx, row, openedBy(row), 'point_split', undefined, {
      point: {
        before: { id: original.id, text: original.text },
        after: parts.map((p) => ({ id: p.id, text: p.text })),
      },
    });
    return parts.map(toPoint);
  });
}

/** Merges several points into one (the originals are retired; the new one needs an answer). Audited. */
export async function mergePoints(
  ctx: Ctx,
  caseId: string,
  input: { pointIds: string[]; text?: string },
): Promise<CasePoint> {
  const data = mergePointsSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await workingRow(tx, caseId, 'merge points');
    const ids = [...new Set(data.pointIds)];
    if (ids.length < 2) throw invalid('pointIds', 'name at least two different points');
    const originals: PointRow[] = [];
    for (const pid of ids) originals.push(await activePoint(tx, caseId, pid));
    const now = nowIso(tx);
    const merged = newPoint(
      row,
      Math.min(...originals.map((o) => o.position)),
      data.text ?? originals.map((o) => o.text).join('\n'),
      now,
    );
    await tx.db.insertInto('case_points').values(merged).execute();
    await tx.db
      .updateTable('case_points')
      .set({ status: 'merged', merged_into: merged.id, updated_at: now })
      .where('id', 'in', ids)
      .execute();
    await reindexCase(tx, caseId);
    await saveCase(tx, row, openedBy(row), 'point_merge', undefined, {
      point: {
        before: originals.map((o) => ({ id: o.id, text: o.text })),
        after: { id: merged.id, text: merged.text },
      },
    });
    return toPoint(merged);
  });
}

/** Records the answer and outcome of one point (and optionally its root-cause category). Audited. */
export async function answerPoint(
  ctx: Ctx,
  caseId: string,
  pointId: string,
  input: { answer: string; outcome: string; rootCauseCode?: string | null },
): Promise<CasePoint> {
  const data = answerPointSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await workingRow(tx, caseId, 'answer a point');
    const p = await activePoint(tx, caseId, pointId);
    if (data.rootCauseCode) await checkRootCause(tx, data.rootCauseCode, 'rootCauseCode');
    const now = nowIso(tx);
    const set = {
      answer: data.answer,
      outcome: data.outcome,
      root_cause_code: data.rootCauseCode === undefined ? p.root_cause_code : data.rootCauseCode,
      answered_at: now,
      answered_by: tx.actor.id,
      updated_at: now,
    };
    await tx.db.updateTable('case_points').set(set).where('id', '=', p.id).execute();
    await saveCase(tx, row, openedBy(row), 'point_answer', undefined, {
      [`point:${p.id}`]: {
        before: { answer: p.answer, outcome: p.outcome },
        after: { answer: set.answer, outcome: set.outcome, rootCauseCode: set.root_cause_code },
      },
    });
    return toPoint({ ...p, ...set });
  });
}

// ---------------------------------------------------------------------------------------------
// Resolve, close, reopen

/** Throws CASE_POINT_UNANSWERED naming every active point without an answer. */
export async function assertAllPointsAnswered(ctx: Ctx, caseId: string): Promise<void> {
  const open = (await activePoints(ctx, caseId)).filter((p) => !p.answer);
  if (open.length > 0) {
    throw new AppError('CASE_POINT_UNANSWERED', `${open.length} point(s) have no answer yet`, {
      errors: open.map((p) => ({
        path: `points.${p.id}`,
        message: `point ${p.position} has no answer: ${p.text.slice(0, 80)}`,
      })),
    });
  }
}

/** Resolves the case: refused with CASE_POINT_UNANSWERED while any point lacks an answer. Emits case.resolved. */
export async function resolveCase(ctx: Ctx, caseId: string): Promise<Case> {
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, WORKING_STATES, 'resolve');
    await assertAllPointsAnswered(tx, caseId);
    const now = nowIso(tx);
    const saved = await saveCase(
      tx,
      row,
      { status: 'resolved', resolved_at: now, sla_events: withSlaEvent(row, 'resolved', now) },
      'resolve',
    );
    await emitEvent(tx, 'case.resolved', {
      caseId,
      customerId: row.customer_id,
      ownerId: saved.owner_id,
      resolvedAt: now,
    });
    return loadCase(tx, saved);
  });
}

/**
 * Closes a resolved case: refused with CASE_COMMITMENT_OPEN while a commitment is open (each named).
 * Emits case.closed { caseId, customerId, ownerId, closedAt, trivial } (trivial cases get no survey).
 */
export async function closeCase(ctx: Ctx, caseId: string, input: { trivial?: boolean } = {}): Promise<Case> {
  const data = closeCaseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, ['resolved'], 'close (resolve it first)');
    await assertAllPointsAnswered(tx, caseId);
    const open = await tx.db
      .selectFrom('case_commitments')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('status', '=', 'open')
      .execute();
    if (open.length > 0) {
      throw new AppError('CASE_COMMITMENT_OPEN', `${open.length} commitment(s) are still open`, {
        errors: open.map((c) => ({
          path: `commitments.${c.id}`,
          message: `${c.kind} due ${c.due_at}: ${c.description.slice(0, 80)}`,
        })),
      });
    }
    const now = nowIso(tx);
    const saved = await saveCase(
      tx,
      row,
      { status: 'closed', closed_at: now, trivial: data.trivial ? 1 : 0 },
      'close',
    );
    await emitEvent(tx, 'case.closed', {
      caseId,
      customerId: row.customer_id,
      ownerId: saved.owner_id,
      closedAt: now,
      trivial: data.trivial,
    });
    return loadCase(tx, saved);
  });
}

/**
 * Reopens a resolved or closed case (state reopened, the resolution clock runs again) with a reason;
 * with `escalate` it also goes up one escalation level (the survey domain's bad follow-up answer).
 */
export async function reopenCase(
  ctx: Ctx,
  caseId: string,
  reason: string,
  options: { escalate?: boolean } = {},
): Promise<Case> {
  if (!reason?.trim()) throw invalid('reason', 'required');
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, ['resolved', 'closed'], 'reopen');
    const now = nowIso(tx);
    const saved = await saveCase(
      tx,
      row,
      {
        status: 'reopened',
        resolved_at: null,
        closed_at: null,
        reopen_count: row.reopen_count + 1,
        sla_res_escalated: 0,
        sla_events: withSlaEvent(row, 'reopened', now),
      },
      'reopen',
      undefined,
      { reason: { before: null, after: reason.trim() } },
    );
    await emitEvent(tx, 'case.reopened', {
      caseId,
      customerId: row.customer_id,
      ownerId: saved.owner_id,
      reason: reason.trim(),
      reopenedAt: now,
    });
    if (options.escalate) await escalateCase(tx, caseId, ['reopened']);
    return getCase(tx, caseId);
  });
}

// ---------------------------------------------------------------------------------------------
// Replies (called by the conversation domain and by the letter)

/**
 * Records that a public staff reply was sent at `at`: the first one stops the first-response clock;
 * a new or reopened case becomes open.
 */
export async function recordStaffReply(ctx: Ctx, caseId: string, at: Date | string): Promise<void> {
  const atIso = new Date(at).toISOString();
  await inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    const patch: Partial<CaseRow> = { ...openedBy(row) };
    if (!row.first_response_at) {
      patch.first_response_at = atIso;
      patch.sla_events = withSlaEvent(row, 'first_response', atIso);
    }
    if (Object.keys(patch).length > 0) await saveCase(tx, row, patch, 'staff_reply');
  });
}

/**
 * Records that the customer replied at `at`: a case waiting for the customer resumes (clock runs
 * again), a resolved case is reopened. With `text`, the reply's anger is assessed and an angry or
 * leaving customer escalates the case.
 */
export async function recordCustomerReply(
  ctx: Ctx,
  caseId: string,
  at: Date | string,
  options: { text?: string } = {},
): Promise<void> {
  const atIso = new Date(at).toISOString();
  await inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    const settings = await getCaseSettings(tx);
    const patch: Partial<CaseRow> = {};
    if (row.status === 'waiting_customer') {
      patch.status = 'open';
      patch.sla_events = withSlaEvent(row, 'resumed', atIso);
    } else if (row.status === 'resolved') {
      patch.status = 'reopened';
      patch.resolved_at = null;
      patch.reopen_count = row.reopen_count + 1;
      patch.sla_res_escalated = 0;
      patch.sla_events = withSlaEvent(row, 'reopened', atIso);
    }
    const reasons: EscalationReason[] = [];
    if (options.text) {
      const anger = detectAnger(options.text, langOf(row.lang), { escalateAt: settings.angerEscalateAt });
      if (anger.level > row.anger_level) {
        const f = JSON.parse(row.priority_factors) as PriorityFactors;
        const prio = computePriority({ ...f, angerLevel: anger.level, leaving: f.leaving || anger.leaving });
        Object.assign(patch, {
          anger_level: anger.level,
          anger_band: anger.band,
          anger_signals: JSON.stringify(anger.signals),
          priority: prio.priority,
          priority_score: prio.score,
          priority_factors: JSON.stringify(prio.factors),
        });
      }
      if (anger.leaving && !row.leaving) patch.leaving = 1;
      if (anger.level >= settings.angerEscalateAt) reasons.push('anger');
      if (anger.leaving) reasons.push('leaving');
    }
    if (Object.keys(patch).length > 0 || reasons.length > 0) {
      await saveCase(tx, row, patch, 'customer_reply', settings);
      if (patch.status === 'reopened') {
        await emitEvent(tx, 'case.reopened', {
          caseId,
          customerId: row.customer_id,
          ownerId: row.owner_id,
          reason: 'customer_reply',
          reopenedAt: atIso,
        });
      }
    }
    if (reasons.length > 0 && QUEUE_STATES.includes(patch.status ?? row.status))
      await escalateCase(tx, caseId, reasons, settings);
  });
}

/** The case's audit trail (every change of the case, its points, commitments and goodwill), newest first. */
export async function listCaseAudit(ctx: Ctx, caseId: string): Promise<AuditEntry[]> {
  await assertCaseExists(ctx, caseId);
  return listAuditForEntity(ctx, 'case', caseId);
}

// ---------------------------------------------------------------------------------------------
// Privacy

/** Everything the case domain stores about a customer (GDPR export). */
export async function exportCustomerCases(ctx: Ctx, customerId: string) {
  const rows = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('received_at')
    .execute();
  const cases = await Promise.all(rows.map((r) => loadCase(ctx, r)));
  const retired = await ctx.db
    .selectFrom('case_points')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('status', '!=', 'active')
    .execute();
  const commitments = await ctx.db
    .selectFrom('case_commitments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  const goodwill = await ctx.db
    .selectFrom('case_goodwill')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  const escalations = await ctx.db
    .selectFrom('case_escalations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  return {
    cases,
    retiredPoints: retired.map(toPoint),
    commitments: commitments.map(toCommitment),
    goodwill: goodwill.map(toGoodwill),
    escalations: escalations.map(toEscalation),
  };
}

/** Blanks every customer-written text (complaint, points, remedy, anger signals); keeps dates, codes, amounts. */
export async function eraseCustomerCases(ctx: Ctx, customerId: string): Promise<void> {
  const erased = '[erased]';
  await ctx.db
    .updateTable('cases')
    .set({ description: erased, subject: null, requested_remedy: null, anger_signals: '[]' })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_points')
    .set({ text: erased })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_commitments')
    .set({ description: erased, note: null })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_goodwill')
    .set({ description: erased, decision_note: null })
    .where('customer_id', '=', customerId)
    .execute();
}
