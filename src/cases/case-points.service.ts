// The points (concerns) of a case: adding, splitting, merging and answering them, each audited;
// a case is resolved only when every active point has its answer.
import { sql } from 'kysely';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { checkRootCause } from './case-codes.js';
import { type CaseRow, type PointRow, toPoint } from './case-core.js';
import { openedBy, saveCase, workingRow } from './case-save.js';
import { reindexCase } from './case-search.service.js';
import {
  addPointSchema,
  answerPointSchema,
  type CasePoint,
  mergePointsSchema,
  splitPointSchema,
} from './cases.schema.js';

async function nextPosition(tx: Ctx, caseId: string): Promise<number> {
  const r = await tx.db
    .selectFrom('case_points')
    .select(sql<number>`max(position)`.as('m'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** A new active, unanswered point of the case at `position` (not yet written). */
export function newPoint(
  row: Pick<CaseRow, 'id' | 'customer_id'>,
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
