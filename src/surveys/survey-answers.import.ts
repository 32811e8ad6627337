// Import of historic survey answers (CSV or JSON/NDJSON), so that the survey figures and the
// repurchase matrix show the past from the first day: one answered invitation and its answer per
// row, idempotent by customer, survey and answer time. Historic answers are figures only: they send
// nothing, create no follow-up task and emit no event, and (never sent) they do not count against
// the frequency limit. See docs/surveys.md, "Historic answers".
import { CustomerRefCache, refOf } from '../customers/customer-refs.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import {
  type ImportOptions,
  type ImportSpec,
  type RowCheck,
  runImport,
} from '../platform/import/import.engine.js';
import { intField, RowProblems, textField, timeField } from '../platform/import/import.fields.js';
import type { ImportReport } from '../platform/import/import.schema.js';
import type { AnswerRow, DefinitionRow, InvitationRow } from './survey-rows.js';
import * as ports from './surveys.ports.js';
import { SCALE_RANGE, type Scale } from './surveys.schema.js';

export const SURVEY_ANSWER_COLUMNS = ['customer_ref', 'survey', 'score', 'answered_at'] as const;

type HistoricAnswer = { invitation: InvitationRow; answer: AnswerRow };

/** The invitation key of a historic answer: the same customer, survey and time is the same answer. */
const dedupeKeyOf = (definitionId: string, customerId: string, answeredAt: string) =>
  `import:${definitionId}:${customerId}:${answeredAt}`;

/**
 * Imports historic survey answers streaming; without skipInvalid a file with any bad row imports
 * nothing. `survey` is the code of a survey definition with a scale (sale_csat, after_sales_csat, …),
 * `score` must lie in that scale, `answered_at` not in the future. A row imported before is
 * counted as already present. Each written batch is audited.
 */
export async function importSurveyAnswers(
  ctx: Ctx,
  options: ImportOptions,
): Promise<ImportReport<'survey-answers'>> {
  const definitions = new Map(
    (await ctx.db.selectFrom('survey_definitions').selectAll().execute()).map((d) => [d.code, d]),
  );
  const refs = new CustomerRefCache();
  const importId = newId('imp');

  const checkFields = (values: Record<string, unknown>, now: string) => {
    const p = new RowProblems();
    textField(p, values, 'customer_ref', { required: true, max: 200 });
    const code = textField(p, values, 'survey', { required: true, max: 50 });
    let def: DefinitionRow | undefined;
    if (code !== undefined) {
      def = definitions.get(code);
      if (!def) p.add('survey', 'no survey definition with this code');
      else if (!SCALE_RANGE[def.scale as Scale]) {
        p.add('survey', 'this survey has no score scale (an exit interview); it cannot be imported');
        def = undefined;
      }
    }
    const range = def ? SCALE_RANGE[def.scale as Scale]! : ([0, 10] as const);
    const score = intField(p, values, 'score', { required: true, min: range[0], max: range[1] });
    const answeredAt = timeField(p, values, 'answered_at', { required: true });
    if (answeredAt && answeredAt > now) p.add('answered_at', 'lies in the future');
    return { p, def, score, answeredAt };
  };

  const spec: ImportSpec<HistoricAnswer, 'survey-answers'> = {
    entity: 'survey-answers',
    columns: { known: SURVEY_ANSWER_COLUMNS, required: SURVEY_ANSWER_COLUMNS },
    batchSize: 500,
    async check(tx, rows) {
      const now = tx.clock.now().toISOString();
      const checked = rows.map((r) => checkFields(r.values, now));
      await refs.resolve(
        tx,
        rows.map((r) => refOf(r.values)).filter((r): r is string => r !== null),
      );
      const ids = rows.flatMap((r) => {
        const ref = refOf(r.values);
        const c = ref === null ? null : refs.get(ref);
        return c && 'id' in c ? [c.id] : [];
      });
      const locales = new Map((await ports.getCustomers(tx, [...new Set(ids)])).map((c) => [c.id, c.locale]));
      return checked.map((c, i): RowCheck<HistoricAnswer> => {
        const ref = refOf(rows[i].values);
        const customer = ref === null ? null : refs.get(ref);
        if (customer && 'reason' in customer) c.p.add('customer_ref', customer.reason);
        if (!c.p.ok || !customer || !('id' in customer) || !c.def) return { problems: c.p.list };
        const at = c.answeredAt!;
        const locale = locales.get(customer.id) ?? 'de';
        const invitation: InvitationRow = {
          id: newId('sinv'),
          definition_id: c.def.id,
          customer_id: customer.id,
          dedupe_key: dedupeKeyOf(c.def.id, customer.id, at),
          trigger_ref: 'import',
          touchpoint_code: c.def.touchpoint_code,
          agent_id: null,
          team_id: null,
          case_id: null,
          locale,
          status: 'answered',
          skip_reason: null,
          consent_basis: null,
          nonce_secret: null,
          created_at: at,
          sent_at: null,
          expires_at: null,
          reminder_sent_at: null,
          answered_at: at,
        };
        const answer: AnswerRow = {
          id: newId('sans'),
          invitation_id: invitation.id,
          definition_id: c.def.id,
          customer_id: customer.id,
          scale: c.def.scale,
          score: c.score!,
          reason_code: null,
          comment: null,
          praise: 0,
          touchpoint_code: c.def.touchpoint_code,
          agent_id: null,
          team_id: null,
          case_id: null,
          locale,
          answered_at: at,
          comment_erased_at: null,
        };
        return { value: { invitation, answer } };
      });
    },
    async write(tx, values, lines) {
      return inTransaction(tx, async (trx) => {
        let created = 0;
        for (const v of values) {
          // Imported before, or twice in this file: the first one stands.
          const inserted = await trx.db
            .insertInto('survey_invitations')
            .values(v.invitation)
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
          await trx.db.insertInto('survey_answers').values(v.answer).execute();
          created++;
        }
        await recordAudit(trx, {
          entityType: 'survey_answer_import',
          entityId: importId,
          action: 'import_batch',
          changes: {
            lines: { before: null, after: `${lines.first}-${lines.last}` },
            rows: { before: null, after: values.length },
            inserted: { before: null, after: created },
          },
        });
        return created;
      });
    },
  };
  return runImport(ctx, spec, options);
}
