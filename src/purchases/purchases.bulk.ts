// The dialect-specific fast path of purchase imports. SQLite: a prepared statement run row by row
// inside one transaction per batch. PostgreSQL: one multi-row insert per batch (unnest of column
// arrays). Both skip rows whose external id exists (ON CONFLICT DO NOTHING).
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { ulid } from 'ulidx';
import type { Ctx } from '../platform/context.js';
import type { Database } from '../schema.js';
import type { PurchaseTables } from './purchases.tables.js';

export type PurchaseRow = PurchaseTables['purchases'];

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * `count` new ids shaped and time-ordered like newId('pur'), unique (60 random bits per call), cheap.
 * One fresh ULID per call whose last four characters become a counter, so at most 32^4 per call.
 */
export function newPurchaseIds(count: number): string[] {
  if (count > 32 ** 4) throw new Error('at most 1,048,576 ids per call');
  const stem = `pur_${ulid().toLowerCase().slice(0, 22)}`;
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    ids[i] =
      stem +
      CROCKFORD[(i >> 15) & 31] +
      CROCKFORD[(i >> 10) & 31] +
      CROCKFORD[(i >> 5) & 31] +
      CROCKFORD[i & 31];
  }
  return ids;
}

export type PurchaseBulkWriter = {
  /**
   * Inserts the rows in one transaction, skipping external ids that exist, and runs `alsoInTx`
   * (the audit entry) in that same transaction; answers how many rows were inserted.
   */
  insert(rows: PurchaseRow[], alsoInTx: (tx: Ctx, inserted: number) => Promise<void>): Promise<number>;
  close(): Promise<void>;
};

const COLUMNS = [
  'id',
  'external_id',
  'customer_id',
  'purchased_at',
  'amount_minor',
  'currency',
  'kind',
  'product_code',
  'quantity',
  'description',
  'source',
  'created_at',
] as const;

/**
 * Opens a bulk writer. On SQLite pass the raw better-sqlite3 handle under `ctx.db` (the CLI has
 * it as `app.handle.sqlite`); without it the writer opens its own connection to the database file.
 */
export function openPurchaseBulkWriter(
  ctx: Ctx,
  options: { sqlite?: SQLite.Database } = {},
): PurchaseBulkWriter {
  return ctx.dialect === 'postgres' ? postgresWriter(ctx) : sqliteWriter(ctx, options.sqlite);
}

function sqliteWriter(ctx: Ctx, handle: SQLite.Database | undefined): PurchaseBulkWriter {
  let conn = handle;
  let db = ctx.db;
  if (!conn) {
    conn = new SQLite(ctx.config.sqlitePath, { fileMustExist: true });
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    conn.pragma('foreign_keys = ON');
    conn.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });
  }
  const own = conn !== handle;
  const insert = conn.prepare(
    `insert into purchases (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')}) on conflict (external_id) do nothing`,
  );
  return {
    insert: (rows, alsoInTx) =>
      db.transaction().execute(async (trx) => {
        // The statements run on the connection that holds the transaction Kysely just began.
        let inserted = 0;
        for (const r of rows) {
          inserted += insert.run(
            r.id,
            r.external_id,
            r.customer_id,
            r.purchased_at,
            r.amount_minor,
            r.currency,
            r.kind,
            r.product_code,
            r.quantity,
            r.description,
            r.source,
            r.created_at,
          ).changes;
        }
        await alsoInTx({ ...ctx, db: trx }, inserted);
        return inserted;
      }),
    async close() {
      if (own) await db.destroy();
    },
  };
}

function postgresWriter(ctx: Ctx): PurchaseBulkWriter {
  return {
    insert: (rows, alsoInTx) =>
      ctx.db.transaction().execute(async (trx) => {
        const col = <K extends (typeof COLUMNS)[number]>(k: K) => rows.map((r) => r[k]);
        const result = await sql`
          insert into purchases (${sql.raw(COLUMNS.join(', '))})
          select * from unnest(
            ${col('id')}::text[], ${col('external_id')}::text[], ${col('customer_id')}::text[],
            ${col('purchased_at')}::text[], ${col('amount_minor')}::bigint[], ${col('currency')}::text[],
            ${col('kind')}::text[], ${col('product_code')}::text[], ${col('quantity')}::integer[],
            ${col('description')}::text[], ${col('source')}::text[], ${col('created_at')}::text[])
          on conflict (external_id) do nothing`.execute(trx);
        const inserted = Number(result.numAffectedRows ?? 0);
        await alsoInTx({ ...ctx, db: trx }, inserted);
        return inserted;
      }),
    async close() {},
  };
}
