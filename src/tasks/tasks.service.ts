// Tasks: the to-do list every domain writes into (manual to-dos, call-backs, retention, follow-ups).
import { type Expression, type SqlBool, sql } from 'kysely';
import { getCustomer } from '../customers/customers.service.js';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { getUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound, nullIfNotFound } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import {
  ACTIVE,
  defaultLang,
  isOverdue,
  NO_DUE,
  PRIORITY_RANK,
  present,
  presentOne,
  type Row,
} from './tasks.present.js';
import {
  type CreateTaskInput,
  createTaskInputSchema,
  type ListTasksFilter,
  type Task,
  type TaskPriority,
  type TaskStatus,
  type UpdateTaskInput,
  updateTaskSchema,
} from './tasks.schema.js';

export type { Task, TaskPriority, TaskStatus } from './tasks.schema.js';

/** The fields of a row that the audit log shows (no bookkeeping columns). */
function auditable(r: Partial<Row>): Partial<Row> {
  const { created_at: _c, updated_at: _u, overdue_notified_at: _o, ...rest } = r;
  return rest;
}

async function ensureAssignee(ctx: Ctx, assigneeId: string | null | undefined): Promise<void> {
  if (!assigneeId) return;
  const user = await getUser(ctx, assigneeId).catch(nullIfNotFound);
  if (!user?.active) throw invalid('assigneeId', 'no such active user');
}

async function ensureCustomer(ctx: Ctx, customerId: string) {
  const customer = await getCustomer(ctx, customerId).catch((err) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw invalid('customerId', 'no such customer');
    throw err;
  });
  if (customer.status === 'erased') throw new AppError('CUSTOMER_ERASED');
  return customer;
}

/** Agents may change tasks assigned to them or to nobody; managers, admins and the system any. */
function ensureMayChange(ctx: Ctx, row: Row): void {
  if (ctx.actor.kind !== 'user' || ctx.actor.role !== 'agent') return;
  if (row.assignee_id !== null && row.assignee_id !== ctx.actor.id) {
    throw new AppError(
      'FORBIDDEN',
      `Task ${row.id} is assigned to someone else; agents may change only their own or unassigned tasks`,
    );
  }
}

async function getRow(ctx: Ctx, id: string): Promise<Row> {
  const row = await ctx.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Task', id);
  return row;
}

async function findOpenRowByDedupeKey(ctx: Ctx, dedupeKey: string): Promise<Row | undefined> {
  return ctx.db
    .selectFrom('tasks')
    .selectAll()
    .where('dedupe_key', '=', dedupeKey)
    .where('status', 'in', ACTIVE)
    .executeTakeFirst();
}

/**
 * Creates a task; with a dedupeKey, returns the existing OPEN (open|in_progress) task with that key
 * instead of a second one (`created: false`). Assignee: omitted → the customer's owner, else
 * unassigned; null → unassigned. Audited with the customer id in the caller's transaction.
 */
export async function createTask(
  ctx: Ctx,
  input: CreateTaskInput,
  lang = defaultLang(ctx),
): Promise<Task & { created: boolean }> {
  const data = createTaskInputSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const now = nowIso(tx);
    if (data.dedupeKey) {
      const existing = await findOpenRowByDedupeKey(tx, data.dedupeKey);
      if (existing) return { ...(await presentOne(tx, existing, now, lang)), created: false };
    }
    let assigneeId = data.assigneeId;
    if (data.customerId) {
      const customer = await ensureCustomer(tx, data.customerId);
      if (assigneeId === undefined) assigneeId = customer.ownerId;
    }
    await ensureAssignee(tx, assigneeId);
    const row: Row = {
      id: newId('tsk'),
      customer_id: data.customerId ?? null,
      case_id: data.caseId ?? null,
      assignee_id: assigneeId ?? null,
      // A keyed title keeps no worded copy: it could carry a customer's name past erasure.
      title: data.titleText ? '' : (data.title ?? ''),
      title_key: data.titleText?.key ?? null,
      title_params: data.titleText ? JSON.stringify(data.titleText.params ?? {}) : null,
      description: data.descriptionText ? null : (data.description ?? null),
      description_key: data.descriptionText?.key ?? null,
      description_params: data.descriptionText ? JSON.stringify(data.descriptionText.params ?? {}) : null,
      due_at: data.dueAt ? new Date(data.dueAt).toISOString() : null,
      priority: data.priority,
      status: 'open',
      source: data.source,
      source_ref: data.sourceRef ?? null,
      dedupe_key: data.dedupeKey ?? null,
      created_by: tx.actor.id,
      created_at: now,
      updated_at: now,
      completed_at: null,
      completed_by: null,
      outcome: null,
      overdue_notified_at: null,
      overdue_notice: data.overdueNotice,
    };
    // A concurrent creator with the same key loses the race on the partial unique index.
    const result = await tx.db
      .insertInto('tasks')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0 && data.dedupeKey) {
      const existing = await findOpenRowByDedupeKey(tx, data.dedupeKey);
      if (existing) return { ...(await presentOne(tx, existing, now, lang)), created: false };
      throw new AppError('CONFLICT', `Task with dedupe key ${data.dedupeKey} could not be created`);
    }
    await recordAudit(tx, {
      entityType: 'task',
      entityId: row.id,
      customerId: row.customer_id,
      action: 'create',
      changes: diff(null, auditable(row)),
    });
    return { ...(await presentOne(tx, row, now, lang)), created: true };
  });
}

/** One task by id; 404 when unknown. */
export async function getTask(ctx: Ctx, id: string, lang = defaultLang(ctx)): Promise<Task> {
  return presentOne(ctx, await getRow(ctx, id), nowIso(ctx), lang);
}

/** The open (open|in_progress) task with this dedupe key, or null. */
export async function findOpenTaskByDedupeKey(
  ctx: Ctx,
  dedupeKey: string,
  lang = defaultLang(ctx),
): Promise<Task | null> {
  const row = await findOpenRowByDedupeKey(ctx, dedupeKey);
  return row ? presentOne(ctx, row, nowIso(ctx), lang) : null;
}

/**
 * A page of tasks matching the filters, overdue first, then by due time (none last), then by
 * priority (urgent first). `status: 'active'` = open or in progress.
 */
export async function listTasks(
  ctx: Ctx,
  filter: ListTasksFilter,
  lang = defaultLang(ctx),
): Promise<{ items: Task[]; nextCursor: string | null }> {
  const limit = filter.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw invalid('limit', 'must be an integer from 1 to 500');
  const cursor = decodeCursor(filter.cursor);
  // The cursor keeps the "now" of the first page, so the order stays stable while paging.
  const now = cursor ? String(cursor[0]) : nowIso(ctx);
  const overdueKey = sql<number>`(case when status in ('open', 'in_progress') and due_at is not null and due_at < ${now} then 0 else 1 end)`;
  const dueKey = sql<string>`coalesce(due_at, ${NO_DUE})`;
  const priorityKey = sql<number>`(case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;

  let q = ctx.db.selectFrom('tasks').selectAll();
  if (filter.assigneeId) q = q.where('assignee_id', '=', filter.assigneeId);
  if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
  if (filter.caseId) q = q.where('case_id', '=', filter.caseId);
  if (filter.source) q = q.where('source', '=', filter.source);
  if (filter.status === 'active') q = q.where('status', 'in', ACTIVE);
  else if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.overdue !== undefined) q = q.where(sql<SqlBool>`${overdueKey} = ${filter.overdue ? 0 : 1}`);
  if (cursor) {
    const [, o, d, p, id] = cursor;
    const after: Expression<SqlBool> = sql<SqlBool>`(${overdueKey} > ${Number(o)} or (${overdueKey} = ${Number(o)} and (${dueKey} > ${String(d)} or (${dueKey} = ${String(d)} and (${priorityKey} > ${Number(p)} or (${priorityKey} = ${Number(p)} and id > ${String(id)}))))))`;
    q = q.where(after);
  }
  const rows = await q
    .orderBy(overdueKey)
    .orderBy(dueKey)
    .orderBy(priorityKey)
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const current = nowIso(ctx);
  const last = page[page.length - 1];
  return {
    items: await present(ctx, page, current, lang),
    nextCursor: more
      ? encodeCursor([
          now,
          isOverdue(last, now) ? 0 : 1,
          last.due_at ?? NO_DUE,
          PRIORITY_RANK[last.priority as TaskPriority] ?? 3,
          last.id,
        ])
      : null,
  };
}

/**
 * Changes the given fields (audited). Agents may change only tasks assigned to them or unassigned
 * (403 otherwise). Setting status done records who completed it and when; a new due time re-arms
 * the overdue mail.
 */
export async function updateTask(
  ctx: Ctx,
  id: string,
  patch: UpdateTaskInput,
  lang = defaultLang(ctx),
): Promise<Task> {
  const data = updateTaskSchema.parse(patch);
  return inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    ensureMayChange(tx, before);
    const now = nowIso(tx);
    const set: Partial<Row> = {};
    if (data.assigneeId !== undefined) {
      await ensureAssignee(tx, data.assigneeId);
      set.assignee_id = data.assigneeId;
    }
    // Staff rewording a system-made text makes it theirs: stored as written from now on.
    if (data.title !== undefined)
      Object.assign(set, { title: data.title, title_key: null, title_params: null });
    if (data.description !== undefined)
      Object.assign(set, { description: data.description, description_key: null, description_params: null });
    if (data.priority !== undefined) set.priority = data.priority;
    if (data.dueAt !== undefined) set.due_at = data.dueAt ? new Date(data.dueAt).toISOString() : null;
    if (data.status !== undefined && data.status !== before.status) {
      set.status = data.status;
      const reopening = ACTIVE.includes(data.status) && !ACTIVE.includes(before.status as TaskStatus);
      if (reopening && before.dedupe_key) {
        const other = await findOpenRowByDedupeKey(tx, before.dedupe_key);
        if (other)
          throw new AppError('CONFLICT', `Task ${other.id} with the same dedupe key is open`, {
            errors: [{ path: 'status', message: 'another open task has the same dedupe key' }],
          });
      }
      if (data.status === 'done') {
        set.completed_at = now;
        set.completed_by = tx.actor.id;
      } else if (ACTIVE.includes(data.status)) {
        set.completed_at = null;
        set.completed_by = null;
      }
    }
    const changes = diff(before, auditable(set));
    if (Object.keys(changes).length === 0) return presentOne(tx, before, now, lang);
    if (set.due_at !== undefined && set.due_at !== before.due_at) set.overdue_notified_at = null;
    await tx.db
      .updateTable('tasks')
      .set({ ...set, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      entityType: 'task',
      entityId: id,
      customerId: before.customer_id,
      action: 'update',
      changes,
    });
    return getTask(tx, id, lang);
  });
}

/**
 * Marks the task done with an optional outcome (audited); completing a done task again changes
 * nothing. A cancelled task cannot be completed (409). Same permission rule as updateTask.
 */
export async function completeTask(
  ctx: Ctx,
  id: string,
  outcome?: string | null,
  lang = defaultLang(ctx),
): Promise<Task> {
  if (outcome !== undefined && outcome !== null && (typeof outcome !== 'string' || outcome.length > 10_000)) {
    throw invalid('outcome', 'must be text of at most 10000 characters');
  }
  return inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    ensureMayChange(tx, before);
    const now = nowIso(tx);
    if (before.status === 'done') return presentOne(tx, before, now, lang);
    if (before.status === 'cancelled')
      throw new AppError('CONFLICT', `Task ${id} is cancelled`, {
        errors: [{ path: 'status', message: 'a cancelled task cannot be completed' }],
      });
    const set = { status: 'done', completed_at: now, completed_by: tx.actor.id, outcome: outcome ?? null };
    await tx.db
      .updateTable('tasks')
      .set({ ...set, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      entityType: 'task',
      entityId: id,
      customerId: before.customer_id,
      action: 'complete',
      changes: diff(before, set),
    });
    return getTask(tx, id, lang);
  });
}

/** How many tasks of a source (e.g. 'churn_retention') are open or in progress. */
export async function countOpenTasksOfSource(ctx: Ctx, source: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('tasks')
    .select(sql<number | string>`count(*)`.as('n'))
    .where('source', '=', source)
    .where('status', 'in', ACTIVE)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The open (open|in_progress) tasks of a source that concern a customer: task id by customer id. */
export async function openTasksOfSourceByCustomer(ctx: Ctx, source: string): Promise<Map<string, string>> {
  const rows = await ctx.db
    .selectFrom('tasks')
    .select(['id', 'customer_id'])
    .where('source', '=', source)
    .where('status', 'in', ACTIVE)
    .where('customer_id', 'is not', null)
    .orderBy('created_at')
    .execute();
  return new Map(rows.map((r) => [r.customer_id as string, r.id]));
}

/** Counts of open and overdue tasks per assignee (null = unassigned), for dashboards. */
export async function countActiveTasksByAssignee(
  ctx: Ctx,
): Promise<Array<{ assigneeId: string | null; open: number; overdue: number }>> {
  const now = nowIso(ctx);
  const rows = await ctx.db
    .selectFrom('tasks')
    .select([
      'assignee_id',
      sql<number>`count(*)`.as('open'),
      sql<number>`sum(case when due_at is not null and due_at < ${now} then 1 else 0 end)`.as('overdue'),
    ])
    .where('status', 'in', ACTIVE)
    .groupBy('assignee_id')
    .execute();
  return rows.map((r) => ({
    assigneeId: r.assignee_id,
    open: Number(r.open),
    overdue: Number(r.overdue ?? 0),
  }));
}

/**
 * Active tasks that are overdue and whose assignee has not been told yet. Without `source`: the
 * tasks whose notice is the tasks domain's own mail; with `{ source }`: the tasks of that source
 * created with `overdueNotice: 'creator'`, for the creating domain to word and send the notice
 * (it marks each with markOverdueNotified first).
 */
export async function listOverdueUnnotified(
  ctx: Ctx,
  limit = 500,
  options: { source?: string; lang?: string } = {},
): Promise<Task[]> {
  const now = nowIso(ctx);
  let q = ctx.db
    .selectFrom('tasks')
    .selectAll()
    .where('status', 'in', ACTIVE)
    .where('due_at', '<', now)
    .where('overdue_notified_at', 'is', null)
    .where('assignee_id', 'is not', null);
  q = options.source
    ? q.where('overdue_notice', '=', 'creator').where('source', '=', options.source)
    : q.where('overdue_notice', '=', 'tasks');
  const rows = await q.orderBy('due_at').limit(limit).execute();
  return present(ctx, rows, now, options.lang ?? defaultLang(ctx));
}

/** Marks the overdue mail of a task as sent; false when another run already did (idempotence). */
export async function markOverdueNotified(ctx: Ctx, id: string): Promise<boolean> {
  const res = await ctx.db
    .updateTable('tasks')
    .set({ overdue_notified_at: nowIso(ctx) })
    .where('id', '=', id)
    .where('overdue_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The raw stored row of a task (the keys and parameters, no wording), for tests and diagnostics. */
export async function getStoredTask(ctx: Ctx, id: string): Promise<Row> {
  return getRow(ctx, id);
}
