// Survey definitions: what a company asks (scale, texts in de/en, reasons), on which trigger and
// touchpoint, after how many days; created, changed (audited) and looked up by id or code.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { defaultDefinitions } from './default-definitions.js';
import { type DefinitionRow, toDefinition } from './survey-rows.js';
import {
  type CreateDefinition,
  createDefinitionSchema,
  type Definition,
  type Trigger,
  type UpdateDefinition,
  updateDefinitionSchema,
} from './surveys.schema.js';

/** Adds the default definitions that are missing (by code); never changes edited ones. */
export async function seedDefaultDefinitions(ctx: Ctx): Promise<void> {
  const existing = new Set(
    (await ctx.db.selectFrom('survey_definitions').select('code').execute()).map((r) => r.code),
  );
  for (const d of defaultDefinitions()) if (!existing.has(d.code)) await createDefinition(ctx, d);
}

/** All survey definitions, by code. */
export async function listDefinitions(ctx: Ctx): Promise<Definition[]> {
  const rows = await ctx.db.selectFrom('survey_definitions').selectAll().orderBy('code').execute();
  return rows.map(toDefinition);
}

/** A definition's row by id or code; 404 when unknown. */
export async function getDefinitionRow(ctx: Ctx, idOrCode: string): Promise<DefinitionRow> {
  const row = await ctx.db
    .selectFrom('survey_definitions')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  if (!row) throw notFound('Survey definition', idOrCode);
  return row;
}

/** One definition by id or code; 404 when unknown. */
export async function getDefinition(ctx: Ctx, idOrCode: string): Promise<Definition> {
  return toDefinition(await getDefinitionRow(ctx, idOrCode));
}

/** The definition codes by id (invitations and answers store the id, the API shows the code). */
export async function definitionCodesById(ctx: Ctx): Promise<Map<string, string>> {
  const rows = await ctx.db.selectFrom('survey_definitions').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

const needsReasons = () => invalid('reasons', 'a survey without a scale needs reason choices');

/** Creates a definition; the code must be unused. */
export async function createDefinition(ctx: Ctx, input: CreateDefinition): Promise<Definition> {
  const data = createDefinitionSchema.parse(input);
  if (data.scale === 'none' && data.reasons.length === 0) throw needsReasons();
  return inTransaction(ctx, async (tx) => {
    const dup = await tx.db
      .selectFrom('survey_definitions')
      .select('id')
      .where('code', '=', data.code)
      .executeTakeFirst();
    if (dup)
      throw new AppError('DUPLICATE', `Survey definition ${data.code} exists`, {
        errors: [{ path: 'code', message: 'already in use' }],
      });
    const row = newDefinitionRow(data, nowIso(tx));
    await tx.db.insertInto('survey_definitions').values(row).execute();
    const { created_at: _c, updated_at: _u, ...visible } = row;
    await recordAudit(tx, {
      entityType: 'survey_definition',
      entityId: row.id,
      action: 'create',
      changes: diff(null, visible),
    });
    return toDefinition(row);
  });
}

function newDefinitionRow(data: ReturnType<typeof createDefinitionSchema.parse>, now: string): DefinitionRow {
  return {
    id: newId('sdef'),
    code: data.code,
    scale: data.scale,
    trigger: data.trigger,
    touchpoint_code: data.touchpointCode,
    question_de: data.questionDe,
    question_en: data.questionEn,
    comment_de: data.commentDe,
    comment_en: data.commentEn,
    reasons: JSON.stringify(data.reasons),
    delay_days: data.delayDays,
    precedence: data.precedence ? 1 : 0,
    active: data.active ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
}

/** Changes texts, reasons, delay, precedence or the active flag of a definition (audited). */
export async function updateDefinition(
  ctx: Ctx,
  idOrCode: string,
  patch: UpdateDefinition,
): Promise<Definition> {
  const data = updateDefinitionSchema.parse(patch);
  return inTransaction(ctx, async (tx) => {
    const before = await getDefinitionRow(tx, idOrCode);
    const set = changedColumns(before, data);
    const changes = diff(before, set);
    if (Object.keys(changes).length === 0) return toDefinition(before);
    await tx.db
      .updateTable('survey_definitions')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(tx, {
      entityType: 'survey_definition',
      entityId: before.id,
      action: 'update',
      changes,
    });
    return getDefinition(tx, before.id);
  });
}

/** The columns a patch sets (those it names); a scale-less survey keeps at least one reason. */
function changedColumns(before: DefinitionRow, data: UpdateDefinition): Partial<DefinitionRow> {
  const set: Partial<DefinitionRow> = {};
  if (data.touchpointCode !== undefined) set.touchpoint_code = data.touchpointCode;
  if (data.questionDe !== undefined) set.question_de = data.questionDe;
  if (data.questionEn !== undefined) set.question_en = data.questionEn;
  if (data.commentDe !== undefined) set.comment_de = data.commentDe;
  if (data.commentEn !== undefined) set.comment_en = data.commentEn;
  if (data.reasons !== undefined) {
    if (before.scale === 'none' && data.reasons.length === 0) throw needsReasons();
    set.reasons = JSON.stringify(data.reasons);
  }
  if (data.delayDays !== undefined) set.delay_days = data.delayDays;
  if (data.precedence !== undefined) set.precedence = data.precedence ? 1 : 0;
  if (data.active !== undefined) set.active = data.active ? 1 : 0;
  return set;
}

/** The active definitions for a trigger (for interactions: those of that touchpoint or of any). */
export async function definitionsForTrigger(
  ctx: Ctx,
  trigger: Trigger,
  touchpointCode?: string | null,
): Promise<Definition[]> {
  const rows = await ctx.db
    .selectFrom('survey_definitions')
    .selectAll()
    .where('trigger', '=', trigger)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  return rows
    .filter(
      (r) =>
        trigger !== 'after_sales_interaction' ||
        r.touchpoint_code === null ||
        r.touchpoint_code === touchpointCode,
    )
    .map(toDefinition);
}
