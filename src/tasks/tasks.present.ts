// How a task row reads: overdue or not, and its texts worded in the reader's language, a customer
// named in a stored text looked up when read (through the customers service).
import { getCustomers } from '../customers/customers.service.js';
import type { Ctx } from '../platform/context.js';
import { langOf } from '../platform/i18n/i18n.js';
import { customerIdsOf, renderText, type StoredText } from '../platform/i18n/stored-text.js';
import type { Task, TaskPriority, TaskStatus } from './tasks.schema.js';
import type { TaskTables } from './tasks.tables.js';
import './tasks.i18n.js';

export type Row = TaskTables['tasks'];

export const ACTIVE: TaskStatus[] = ['open', 'in_progress'];
/** Sorts after every real time, so tasks without a due time come last. */
export const NO_DUE = '9999-12-31T23:59:59.999Z';
export const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export function isOverdue(r: Pick<Row, 'status' | 'due_at'>, now: string): boolean {
  return r.due_at !== null && r.due_at < now && ACTIVE.includes(r.status as TaskStatus);
}

/** The language a service call words its texts in when the caller names none: the user's, else German. */
export function defaultLang(ctx: Ctx): string {
  return ctx.actor.kind === 'user' ? ctx.actor.locale : 'de';
}

export function storedOf(key: string | null, params: string | null): StoredText | null {
  return key ? { key, params: params ? JSON.parse(params) : {} } : null;
}

type Names = Map<string, string>;

function toTask(r: Row, now: string, lang: string, names: Names): Task {
  const resolvers = { customerName: (id: string) => names.get(id) };
  const title = storedOf(r.title_key, r.title_params);
  const description = storedOf(r.description_key, r.description_params);
  return {
    id: r.id,
    customerId: r.customer_id,
    caseId: r.case_id,
    assigneeId: r.assignee_id,
    title: title ? renderText(lang, title, resolvers) : r.title,
    titleKey: r.title_key,
    description: description ? renderText(lang, description, resolvers) : r.description,
    dueAt: r.due_at,
    priority: r.priority as TaskPriority,
    status: r.status as TaskStatus,
    source: r.source,
    sourceRef: r.source_ref,
    dedupeKey: r.dedupe_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
    completedBy: r.completed_by,
    outcome: r.outcome,
    overdue: isOverdue(r, now),
  };
}

/**
 * The rows as tasks worded in `lang`: a customer named in a stored text is looked up now through the
 * customers service (an erased customer reads as the erased placeholder).
 */
export async function present(ctx: Ctx, rows: Row[], now: string, lang: string): Promise<Task[]> {
  const ids = customerIdsOf(
    rows.flatMap((r) => [
      storedOf(r.title_key, r.title_params),
      storedOf(r.description_key, r.description_params),
    ]),
  );
  const names: Names = new Map();
  if (ids.length > 0)
    for (const c of await getCustomers(ctx, ids)) if (c.status !== 'erased') names.set(c.id, c.name);
  return rows.map((r) => toTask(r, now, langOf(lang), names));
}

export async function presentOne(ctx: Ctx, row: Row, now: string, lang: string): Promise<Task> {
  return (await present(ctx, [row], now, lang))[0];
}
