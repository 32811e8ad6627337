// Import of contracts from CSV or JSON, idempotent by external_id; every created contract is audited
// with its customer. Imported cancellations are history: they emit no 'contract.cancelled' event.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { CustomerRefCache, refOf } from '../customers/customer-refs.js';
import {
  type ImportOptions,
  type ImportSpec,
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
import { companyCurrency } from '../purchases/purchases.service.js';
import { defaultEnd } from './contracts.service.js';
import { billingPeriods } from './products.schema.js';
import { getProductsByCode } from './products.service.js';
import type { ProductTables } from './products.tables.js';

type Row = ProductTables['contracts'];

export const CONTRACT_COLUMNS = [
  'external_id',
  'customer_ref',
  'product_code',
  'price_minor',
  'currency',
  'period',
  'started_at',
  'renews_at',
  'cancelled_at',
] as const;
const REQUIRED = [
  'external_id',
  'customer_ref',
  'product_code',
  'price_minor',
  'currency',
  'period',
  'started_at',
] as const;

/**
 * Imports contracts from a CSV or JSON/NDJSON file, idempotent by external_id (a known id is left
 * unchanged); without skipInvalid a file with any bad row imports nothing.
 */
export async function importContracts(ctx: Ctx, options: ImportOptions): Promise<ImportReport<'contracts'>> {
  const currency = await companyCurrency(ctx);
  const refs = new CustomerRefCache();

  const checkFields = (values: Record<string, unknown>) => {
    const p = new RowProblems();
    const externalId = textField(p, values, 'external_id', { required: true, max: 200 });
    textField(p, values, 'customer_ref', { required: true, max: 200 });
    const productCode = textField(p, values, 'product_code', { required: true, max: 100 });
    const price = intField(p, values, 'price_minor', { required: true, min: 0 });
    const cur = textField(p, values, 'currency', { required: true, max: 10 });
    if (cur !== undefined && cur.toUpperCase() !== currency)
      p.add('currency', `CURRENCY_MISMATCH: must be the company currency ${currency}, not ${cur}`);
    const period = choiceField(p, values, 'period', billingPeriods, { required: true });
    const startedAt = timeField(p, values, 'started_at', { required: true });
    const renewsAt = timeField(p, values, 'renews_at', {});
    const cancelledAt = timeField(p, values, 'cancelled_at', {});
    if (startedAt && renewsAt && renewsAt < startedAt) p.add('renews_at', 'lies before started_at');
    if (startedAt && cancelledAt && cancelledAt < startedAt) p.add('cancelled_at', 'lies before started_at');
    return { p, externalId, productCode, price, period, startedAt, renewsAt, cancelledAt };
  };

  const spec: ImportSpec<Row | { existing: true }, 'contracts'> = {
    entity: 'contracts',
    columns: { known: CONTRACT_COLUMNS, required: REQUIRED },
    batchSize: 500,
    async check(tx, rows) {
      const checked = rows.map((r) => checkFields(r.values));
      await refs.resolve(
        tx,
        rows.map((r) => refOf(r.values)).filter((r): r is string => r !== null),
      );
      const products = await getProductsByCode(
        tx,
        checked.flatMap((c) => (c.productCode ? [c.productCode] : [])),
      );
      const ids = checked.flatMap((c) => (c.externalId ? [c.externalId] : []));
      const existing = new Set(
        ids.length === 0
          ? []
          : (
              await tx.db
                .selectFrom('contracts')
                .select('external_id')
                .where('external_id', 'in', ids)
                .execute()
            ).map((r) => r.external_id),
      );
      const now = tx.clock.now().toISOString();
      return checked.map((c, i): RowCheck<Row | { existing: true }> => {
        const ref = refOf(rows[i].values);
        const customer = ref === null ? null : refs.get(ref);
        if (customer && 'reason' in customer) c.p.add('customer_ref', customer.reason);
        const product = c.productCode ? products.get(c.productCode) : undefined;
        if (c.productCode && !product) c.p.add('product_code', 'no product with this code');
        if (!c.p.ok || !customer || !('id' in customer) || !product) return { problems: c.p.list };
        if (existing.has(c.externalId!)) return { value: { existing: true } };
        return {
          value: {
            id: newId('ctr'),
            external_id: c.externalId!,
            customer_id: customer.id,
            product_id: product.id,
            price_minor: c.price!,
            currency,
            billing_period: c.period!,
            started_at: c.startedAt!,
            renews_at: c.renewsAt ?? null,
            cancelled_at: c.cancelledAt ?? null,
            cancel_reason: null,
            ends_at: c.cancelledAt ? defaultEnd(c.cancelledAt, c.renewsAt ?? null) : null,
            created_at: now,
            updated_at: now,
          },
        };
      });
    },
    async write(tx, values) {
      return inTransaction(tx, async (trx) => {
        let created = 0;
        for (const v of values) {
          if ('existing' in v) continue;
          // The same external id twice in one file: the first is created, the second is present.
          const inserted = await trx.db
            .insertInto('contracts')
            .values(v)
            .onConflict((oc) => oc.column('external_id').doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
          created++;
          const { id: _id, created_at: _c, updated_at: _u, ...visible } = v;
          await recordAudit(trx, {
            entityType: 'contract',
            entityId: v.id,
            customerId: v.customer_id,
            action: 'import',
            changes: diff(null, visible),
          });
        }
        return created;
      });
    },
  };
  return runImport(ctx, spec, options);
}
