// The audit log: who changed what, when, before and after. Written in the caller's transaction.
import { newId } from '../ids.js';
import { type Ctx, nowIso } from '../context.js';

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

export type AuditEntry = {
  id: string;
  at: string;
  actor: { id: string | null; name: string };
  entityType: string;
  entityId: string;
  customerId: string | null;
  action: string;
  changes: AuditChanges;
};

/** The fields that differ between before and after, restricted to the keys of `after`. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [k, v] of Object.entries(after)) {
    const old = before ? before[k] : undefined;
    if (JSON.stringify(old) !== JSON.stringify(v)) changes[k] = { before: old ?? null, after: v ?? null };
  }
  return changes;
}

/** Records one change; call it inside the transaction that makes the change. */
export async function recordAudit(
  ctx: Ctx,
  entry: {
    entityType: string;
    entityId: string;
    customerId?: string | null;
    action: string;
    changes?: AuditChanges;
  },
): Promise<void> {
  await ctx.db
    .insertInto('audit_log')
    .values({
      id: newId('aud'),
      at: nowIso(ctx),
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      customer_id: entry.customerId ?? null,
      action: entry.action,
      changes: JSON.stringify(entry.changes ?? {}),
    })
    .execute();
}

/** The audit trail of one customer (everything recorded with that customer id), newest first. */
export async function listAuditForCustomer(ctx: Ctx, customerId: string, limit = 500): Promise<AuditEntry[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** The audit trail of one entity, newest first. */
export async function listAuditForEntity(
  ctx: Ctx,
  entityType: string,
  entityId: string,
): Promise<AuditEntry[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toEntry);
}

/** Erasure keeps the fact that changes happened but drops their personal contents. */
export async function eraseAuditForCustomer(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('audit_log')
    .set({ changes: '{"erased":true}' })
    .where('customer_id', '=', customerId)
    .execute();
}

function toEntry(r: {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity_type: string;
  entity_id: string;
  customer_id: string | null;
  action: string;
  changes: string;
}): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: { id: r.actor_id, name: r.actor_name },
    entityType: r.entity_type,
    entityId: r.entity_id,
    customerId: r.customer_id,
    action: r.action,
    changes: JSON.parse(r.changes),
  };
}
