// Improvement actions of the root-cause register: what someone does about a category of causes,
// owned by an active user, with a due date and a status; every change audited.
import { sql } from 'kysely';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { requireActiveUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { getRootCauseCategory } from './root-causes.service.js';
import {
  type CreateAction,
  createActionSchema,
  type ImprovementAction,
  type RootCauseCategory,
  type UpdateAction,
  updateActionSchema,
} from './root-causes.schema.js';
import type { RootCauseTables } from './root-causes.tables.js';

type ActionRow = RootCauseTables['root_cause_actions'];

function toAction(r: ActionRow): ImprovementAction {
  return {
    id: r.id,
    categoryCode: r.category_code,
    ownerId: r.owner_id,
    description: r.description,
    dueAt: r.due_at,
    status: r.status as ImprovementAction['status'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
  };
}

async function ensureActiveUser(ctx: Ctx, userId: string): Promise<void> {
  await requireActiveUser(ctx, userId, 'ownerId');
}

async function requireCategory(ctx: Ctx, code: string): Promise<RootCauseCategory> {
  const cat = await getRootCauseCategory(ctx, code);
  if (!cat) throw notFound('Root-cause category', code);
  return cat;
}

/** The improvement actions of a category, open ones first, then by due date. */
export async function listImprovementActions(ctx: Ctx, code: string): Promise<ImprovementAction[]> {
  await requireCategory(ctx, code);
  const rows = await ctx.db
    .selectFrom('root_cause_actions')
    .selectAll()
    .where('category_code', '=', code)
    .orderBy(sql`case when status in ('open', 'in_progress') then 0 else 1 end`)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
  return rows.map(toAction);
}

/** Adds an improvement action to a category, owned by an active user (audited). */
export async function createImprovementAction(
  ctx: Ctx,
  code: string,
  input: CreateAction,
): Promise<ImprovementAction> {
  const data = createActionSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    await requireCategory(tx, code);
    await ensureActiveUser(tx, data.ownerId);
    const now = nowIso(tx);
    const row: ActionRow = {
      id: newId('rca'),
      category_code: code,
      owner_id: data.ownerId,
      description: data.description,
      due_at: data.dueAt ? new Date(data.dueAt).toISOString() : null,
      status: data.status,
      created_by: tx.actor.id,
      created_at: now,
      updated_at: now,
      completed_at: data.status === 'done' ? now : null,
    };
    await tx.db.insertInto('root_cause_actions').values(row).execute();
    await recordAudit(tx, {
      entityType: 'root_cause_action',
      entityId: row.id,
      action: 'create',
      changes: diff(null, {
        categoryCode: code,
        ownerId: row.owner_id,
        description: row.description,
        dueAt: row.due_at,
        status: row.status,
      }),
    });
    return toAction(row);
  });
}

/** Changes owner, description, due date or status of an improvement action (audited). */
export async function updateImprovementAction(
  ctx: Ctx,
  code: string,
  id: string,
  input: UpdateAction,
): Promise<ImprovementAction> {
  const data = updateActionSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.db
      .selectFrom('root_cause_actions')
      .selectAll()
      .where('id', '=', id)
      .where('category_code', '=', code)
      .executeTakeFirst();
    if (!before) throw notFound('Improvement action', id);
    if (data.ownerId) await ensureActiveUser(tx, data.ownerId);
    const now = nowIso(tx);
    const status = data.status ?? before.status;
    const after: ActionRow = {
      ...before,
      owner_id: data.ownerId ?? before.owner_id,
      description: data.description ?? before.description,
      due_at:
        data.dueAt === undefined ? before.due_at : data.dueAt ? new Date(data.dueAt).toISOString() : null,
      status,
      updated_at: now,
      completed_at: status === 'done' ? (before.completed_at ?? now) : null,
    };
    await tx.db
      .updateTable('root_cause_actions')
      .set({
        owner_id: after.owner_id,
        description: after.description,
        due_at: after.due_at,
        status: after.status,
        updated_at: after.updated_at,
        completed_at: after.completed_at,
      })
      .where('id', '=', id)
      .execute();
    const visible = (r: ActionRow) => ({
      ownerId: r.owner_id,
      description: r.description,
      dueAt: r.due_at,
      status: r.status,
    });
    await recordAudit(tx, {
      entityType: 'root_cause_action',
      entityId: id,
      action: 'update',
      changes: diff(visible(before), visible(after)),
    });
    return toAction(after);
  });
}
