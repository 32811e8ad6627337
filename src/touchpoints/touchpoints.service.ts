// Touchpoints (sale, delivery, service visit, ...) and the interactions customers have at each.
import { sql } from 'kysely';
import { getCustomer } from '../customers/customers.service.js';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { getUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound, nullIfNotFound } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { defaultTouchpoints } from './touchpoints.defaults.js';
import {
  type CreateTouchpoint,
  createTouchpointSchema,
  type Interaction,
  type InteractionFilter,
  type Phase,
  type RecordInteraction,
  recordInteractionSchema,
  type Touchpoint,
  type UpdateTouchpoint,
  updateTouchpointSchema,
} from './touchpoints.schema.js';
import type { TouchpointTables } from './touchpoints.tables.js';

export type { Interaction, Phase, Touchpoint } from './touchpoints.schema.js';

type TpRow = TouchpointTables['touchpoints'];
type IxRow = TouchpointTables['interactions'];

function toTouchpoint(r: TpRow): Touchpoint {
  return {
    id: r.id,
    code: r.code,
    name: { de: r.name_de, en: r.name_en },
    phase: r.phase as Phase,
    active: r.active === 1,
    sortOrder: Number(r.sort_order),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toInteraction(r: IxRow, tp: Pick<TpRow, 'code' | 'phase'>): Interaction {
  return {
    id: r.id,
    customerId: r.customer_id,
    touchpointId: r.touchpoint_id,
    touchpointCode: tp.code,
    phase: tp.phase as Phase,
    at: r.at,
    staffUserId: r.staff_user_id,
    channel: r.channel as Interaction['channel'],
    note: r.note,
    externalId: r.external_id,
    createdAt: r.created_at,
  };
}

/** Adds every default touchpoint whose code is missing; never changes existing ones (idempotent). */
export async function seedTouchpoints(ctx: Ctx): Promise<number> {
  const now = nowIso(ctx);
  let added = 0;
  for (const d of defaultTouchpoints) {
    const res = await ctx.db
      .insertInto('touchpoints')
      .values({
        id: newId('tp'),
        code: d.code,
        name_de: d.de,
        name_en: d.en,
        phase: d.phase,
        active: 1,
        sort_order: d.sortOrder,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    added += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

async function findTouchpointRow(ctx: Ctx, codeOrId: string): Promise<TpRow | undefined> {
  return ctx.db
    .selectFrom('touchpoints')
    .selectAll()
    .where((eb) => eb.or([eb('code', '=', codeOrId), eb('id', '=', codeOrId)]))
    .executeTakeFirst();
}

/** One touchpoint by code or id; 404 when unknown. */
export async function getTouchpoint(ctx: Ctx, codeOrId: string): Promise<Touchpoint> {
  const row = await findTouchpointRow(ctx, codeOrId);
  if (!row) throw notFound('Touchpoint', codeOrId);
  return toTouchpoint(row);
}

/** The catalogue in display order (sort order, then code); optionally only active or inactive ones. */
export async function listTouchpoints(ctx: Ctx, filter: { active?: boolean } = {}): Promise<Touchpoint[]> {
  let q = ctx.db.selectFrom('touchpoints').selectAll();
  if (filter.active !== undefined) q = q.where('active', '=', filter.active ? 1 : 0);
  return (await q.orderBy('sort_order').orderBy('code').execute()).map(toTouchpoint);
}

/** Adds a touchpoint to the catalogue; the code must be unused (409 naming `code`). Audited. */
export async function createTouchpoint(ctx: Ctx, input: CreateTouchpoint): Promise<Touchpoint> {
  const data = createTouchpointSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const dup = await tx.db
      .selectFrom('touchpoints')
      .select('id')
      .where('code', '=', data.code)
      .executeTakeFirst();
    if (dup)
      throw new AppError('DUPLICATE', `Touchpoint ${data.code} exists`, {
        errors: [{ path: 'code', message: 'already in use' }],
        extra: { existingId: dup.id },
      });
    const now = nowIso(tx);
    const row: TpRow = {
      id: newId('tp'),
      code: data.code,
      name_de: data.name.de,
      name_en: data.name.en,
      phase: data.phase,
      active: data.active ? 1 : 0,
      sort_order: data.sortOrder,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('touchpoints').values(row).execute();
    const { created_at: _c, updated_at: _u, ...visible } = row;
    await recordAudit(tx, {
      entityType: 'touchpoint',
      entityId: row.id,
      action: 'create',
      changes: diff(null, visible),
    });
    return toTouchpoint(row);
  });
}

/** Changes names, phase, active flag or sort order of a touchpoint (by code or id); the code stays. Audited. */
export async function updateTouchpoint(
  ctx: Ctx,
  codeOrId: string,
  patch: UpdateTouchpoint,
): Promise<Touchpoint> {
  const data = updateTouchpointSchema.parse(patch);
  return inTransaction(ctx, async (tx) => {
    const before = await findTouchpointRow(tx, codeOrId);
    if (!before) throw notFound('Touchpoint', codeOrId);
    const set: Partial<TpRow> = {};
    if (data.name?.de !== undefined) set.name_de = data.name.de;
    if (data.name?.en !== undefined) set.name_en = data.name.en;
    if (data.phase !== undefined) set.phase = data.phase;
    if (data.active !== undefined) set.active = data.active ? 1 : 0;
    if (data.sortOrder !== undefined) set.sort_order = data.sortOrder;
    const changes = diff(before, set);
    if (Object.keys(changes).length === 0) return toTouchpoint(before);
    await tx.db
      .updateTable('touchpoints')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(tx, { entityType: 'touchpoint', entityId: before.id, action: 'update', changes });
    return getTouchpoint(tx, before.id);
  });
}

/**
 * Records an interaction of a customer at a touchpoint (audited) and emits 'interaction.recorded'
 * in the same transaction. With an externalId already recorded, returns that interaction
 * (`created: false`) and emits nothing. Staff user: omitted → the calling user; null → none.
 */
export async function recordInteraction(
  ctx: Ctx,
  input: RecordInteraction,
): Promise<Interaction & { created: boolean }> {
  const data = recordInteractionSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    if (data.externalId) {
      const existing = await tx.db
        .selectFrom('interactions')
        .selectAll()
        .where('external_id', '=', data.externalId)
        .executeTakeFirst();
      if (existing) {
        const tp = await getTouchpoint(tx, existing.touchpoint_id);
        return { ...toInteraction(existing, tp), created: false };
      }
    }
    const customer = await getCustomer(tx, data.customerId).catch((err) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND')
        throw invalid('customerId', 'no such customer');
      throw err;
    });
    if (customer.status === 'erased') throw new AppError('CUSTOMER_ERASED');
    const tp = await findTouchpointRow(tx, data.touchpoint);
    if (!tp) throw invalid('touchpoint', 'no such touchpoint');
    if (tp.active !== 1) throw invalid('touchpoint', 'the touchpoint is not active');
    let staffUserId = data.staffUserId;
    if (staffUserId === undefined) staffUserId = tx.actor.kind === 'user' ? tx.actor.id : null;
    if (staffUserId) {
      const user = await getUser(tx, staffUserId).catch(nullIfNotFound);
      if (!user) throw invalid('staffUserId', 'no such user');
    }
    const now = nowIso(tx);
    const row: IxRow = {
      id: newId('int'),
      customer_id: customer.id,
      touchpoint_id: tp.id,
      at: data.at ? new Date(data.at).toISOString() : now,
      staff_user_id: staffUserId ?? null,
      channel: data.channel,
      note: data.note ?? null,
      external_id: data.externalId ?? null,
      created_by: tx.actor.id,
      created_at: now,
    };
    await tx.db.insertInto('interactions').values(row).execute();
    await recordAudit(tx, {
      entityType: 'interaction',
      entityId: row.id,
      customerId: row.customer_id,
      action: 'create',
      changes: diff(null, {
        touchpoint: tp.code,
        at: row.at,
        channel: row.channel,
        staff_user_id: row.staff_user_id,
        note: row.note,
        external_id: row.external_id,
      }),
    });
    await emitEvent(tx, 'interaction.recorded', {
      customerId: row.customer_id,
      interactionId: row.id,
      touchpointCode: tp.code,
      phase: tp.phase,
      at: row.at,
      staffUserId: row.staff_user_id,
    });
    return { ...toInteraction(row, tp), created: true };
  });
}

/** A page of interactions, newest first; `from` inclusive, `to` exclusive; touchpoint by code or id. */
export async function listInteractions(
  ctx: Ctx,
  filter: InteractionFilter,
): Promise<{ items: Interaction[]; nextCursor: string | null }> {
  const limit = filter.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw invalid('limit', 'must be an integer from 1 to 500');
  let q = ctx.db
    .selectFrom('interactions')
    .innerJoin('touchpoints', 'touchpoints.id', 'interactions.touchpoint_id')
    .selectAll('interactions')
    .select(['touchpoints.code as tp_code', 'touchpoints.phase as tp_phase']);
  if (filter.customerId) q = q.where('interactions.customer_id', '=', filter.customerId);
  if (filter.touchpoint) {
    const tp = await findTouchpointRow(ctx, filter.touchpoint);
    if (!tp) throw invalid('touchpoint', 'no such touchpoint');
    q = q.where('interactions.touchpoint_id', '=', tp.id);
  }
  if (filter.from) q = q.where('interactions.at', '>=', new Date(filter.from).toISOString());
  if (filter.to) q = q.where('interactions.at', '<', new Date(filter.to).toISOString());
  const cursor = decodeCursor(filter.cursor);
  if (cursor) {
    const [at, id] = [String(cursor[0]), String(cursor[1])];
    q = q.where((eb) =>
      eb.or([
        eb('interactions.at', '<', at),
        eb.and([eb('interactions.at', '=', at), eb('interactions.id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('interactions.at', 'desc')
    .orderBy('interactions.id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(
    rows,
    limit,
    (r) => toInteraction(r, { code: r.tp_code, phase: r.tp_phase }),
    (r) => [r.at, r.id],
  );
}

/**
 * Interactions per touchpoint with `at` in [from, to), for every touchpoint in the catalogue
 * (zero where none), in catalogue order.
 */
export async function countInteractionsByTouchpoint(
  ctx: Ctx,
  from: string,
  to: string,
): Promise<Array<{ touchpointId: string; code: string; phase: Phase; count: number }>> {
  const f = new Date(from);
  const t = new Date(to);
  if (Number.isNaN(f.getTime())) throw invalid('from', 'not a time');
  if (Number.isNaN(t.getTime())) throw invalid('to', 'not a time');
  const counts = await ctx.db
    .selectFrom('interactions')
    .select(['touchpoint_id', sql<number>`count(*)`.as('n')])
    .where('at', '>=', f.toISOString())
    .where('at', '<', t.toISOString())
    .groupBy('touchpoint_id')
    .execute();
  const byId = new Map(counts.map((c) => [c.touchpoint_id, Number(c.n)]));
  return (await listTouchpoints(ctx)).map((tp) => ({
    touchpointId: tp.id,
    code: tp.code,
    phase: tp.phase,
    count: byId.get(tp.id) ?? 0,
  }));
}

/** Every interaction of a customer, oldest first (GDPR export). */
export async function exportCustomerInteractions(ctx: Ctx, customerId: string): Promise<Interaction[]> {
  const rows = await ctx.db
    .selectFrom('interactions')
    .innerJoin('touchpoints', 'touchpoints.id', 'interactions.touchpoint_id')
    .selectAll('interactions')
    .select(['touchpoints.code as tp_code', 'touchpoints.phase as tp_phase'])
    .where('interactions.customer_id', '=', customerId)
    .orderBy('interactions.at')
    .orderBy('interactions.id')
    .execute();
  return rows.map((r) => toInteraction(r, { code: r.tp_code, phase: r.tp_phase }));
}

/** Replaces the note text of a customer's interactions with the neutral marker; touchpoint, time and channel stay for aggregates. */
export async function eraseCustomerInteractions(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('interactions')
    .set({ note: '[erased]' })
    .where('customer_id', '=', customerId)
    .where('note', 'is not', null)
    .execute();
}
