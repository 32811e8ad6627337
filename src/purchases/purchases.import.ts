// Import of purchases from CSV or JSON: checked in batches (customer references resolved per batch),
// written through the bulk writer, idempotent by external_id; revenue and tiers are updated after.
// Bulk imports emit no 'purchase.recorded' event per row (see docs/import.md).
import type SQLite from 'better-sqlite3';
import { CustomerRefCache, refOf } from '../customers/customer-refs.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import type { Ctx } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import {
  type ImportOptions,
  type ImportSpec,
  type ReadableRow,
  type RowCheck,
  runImport,
} from '../platform/import/import.engine.js';
import {
  choiceField,
  intField,
  RowProblems,
  textField,
  timeField,
} from '../platform/import/import.fields.js';
import type { ImportReport } from '../platform/import/import.schema.js';
import { newPurchaseIds, openPurchaseBulkWriter, type PurchaseRow } from './purchases.bulk.js';
import { purchaseKinds } from './purchases.schema.js';
import { companyCurrency, latestAllowedPurchaseTime, recomputeRevenue } from './purchases.service.js';

export const PURCHASE_COLUMNS = [
  'external_id',
  'customer_ref',
  'purchased_at',
  'amount_minor',
  'currency',
  'kind',
  'product_code',
  'quantity',
  'description',
] as const;
const REQUIRED = ['external_id', 'customer_ref', 'purchased_at', 'amount_minor', 'currency', 'kind'] as const;

/** After this many distinct customers an import recomputes everyone's revenue in one grouped query. */
const RECOMPUTE_ALL_AFTER = 5000;

type CheckedPurchase = Omit<PurchaseRow, 'id' | 'customer_id' | 'source' | 'created_at'> & { ref: string };

/** Checks the fields of one purchase row (no lookups). */
function checkFields(
  values: Record<string, unknown>,
  currency: string,
  latest: string,
): { row?: CheckedPurchase; problems: RowProblems } {
  const p = new RowProblems();
  const externalId = textField(p, values, 'external_id', { required: true, max: 200 });
  const ref = textField(p, values, 'customer_ref', { required: true, max: 200 });
  const purchasedAt = timeField(p, values, 'purchased_at', { required: true });
  if (purchasedAt && purchasedAt > latest) p.add('purchased_at', 'lies in the future');
  const amount = intField(p, values, 'amount_minor', { required: true, min: 0 });
  const cur = textField(p, values, 'currency', { required: true, max: 10 });
  if (cur !== undefined && cur.toUpperCase() !== currency)
    p.add('currency', `CURRENCY_MISMATCH: must be the company currency ${currency}, not ${cur}`);
  const kind = choiceField(p, values, 'kind', purchaseKinds, { required: true });
  const productCode = textField(p, values, 'product_code', { max: 100 });
  const quantity = intField(p, values, 'quantity', { min: 1, max: 1_000_000 });
  const description = textField(p, values, 'description', { max: 2000 });
  if (!p.ok) return { problems: p };
  return {
    problems: p,
    row: {
      external_id: externalId!,
      ref: ref!,
      purchased_at: purchasedAt!,
      amount_minor: amount!,
      currency,
      kind: kind!,
      product_code: productCode ?? null,
      quantity: quantity ?? 1,
      description: description ?? null,
    },
  };
}

export type PurchaseImportOptions = ImportOptions & {
  /** SQLite: the raw handle under ctx.db, for the fastest path (the CLI passes app.handle.sqlite). */
  sqlite?: SQLite.Database;
  batchSize?: number;
};

/**
 * Imports purchases (CSV or JSON/NDJSON) streaming, idempotent by external_id, then updates revenue
 * and tiers; without skipInvalid a file with any bad row imports nothing. Batches are audited.
 */
export async function importPurchases(
  ctx: Ctx,
  options: PurchaseImportOptions,
): Promise<ImportReport<'purchases'>> {
  const currency = await companyCurrency(ctx);
  const latest = latestAllowedPurchaseTime(ctx.clock.now());
  const refs = new CustomerRefCache();
  const importId = newId('imp');
  const affected = new Set<string>();
  let affectedOverflow = false;
  const writer = openPurchaseBulkWriter(ctx, { sqlite: options.sqlite });

  const spec: ImportSpec<PurchaseRow, 'purchases'> = {
    entity: 'purchases',
    columns: { known: PURCHASE_COLUMNS, required: REQUIRED },
    batchSize: options.batchSize ?? (ctx.dialect === 'postgres' ? 5000 : 10_000),
    async check(tx, rows: ReadableRow[]): Promise<RowCheck<PurchaseRow>[]> {
      const checked = rows.map((r) => checkFields(r.values, currency, latest));
      // References of rows with other problems are looked up too, so one pass reports everything.
      const wanted = rows.map((r) => refOf(r.values)).filter((ref): ref is string => ref !== null);
      await refs.resolve(tx, wanted);
      const createdAt = tx.clock.now().toISOString();
      return checked.map((c, i): RowCheck<PurchaseRow> => {
        const ref = refOf(rows[i].values);
        const customer = ref === null ? null : refs.get(ref);
        if (customer && 'reason' in customer) c.problems.add('customer_ref', customer.reason);
        if (!c.row || !customer || !('id' in customer)) return { problems: c.problems.list };
        const { ref: _ref, ...fields } = c.row;
        // The id is given when the row is written (the checking pass writes nothing).
        return {
          value: { id: '', customer_id: customer.id, source: 'import', created_at: createdAt, ...fields },
        };
      });
    },
    async write(_tx, rows, lines) {
      const ids = newPurchaseIds(rows.length);
      for (let i = 0; i < rows.length; i++) rows[i].id = ids[i];
      for (const r of rows) {
        if (affectedOverflow) break;
        affected.add(r.customer_id);
        if (affected.size > RECOMPUTE_ALL_AFTER) affectedOverflow = true;
      }
      return writer.insert(rows, (tx, inserted) =>
        recordAudit(tx, {
          entityType: 'purchase_import',
          entityId: importId,
          action: 'import_batch',
          changes: {
            lines: { before: null, after: `${lines.first}-${lines.last}` },
            rows: { before: null, after: rows.length },
            inserted: { before: null, after: inserted },
          },
        }),
      );
    },
    async finish(tx) {
      if (affectedOverflow) await recomputeRevenue(tx, null);
      else if (affected.size > 0) await recomputeRevenue(tx, [...affected]);
    },
  };
  try {
    return await runImport(ctx, spec, options);
  } finally {
    await writer.close();
  }
}
