// The bulk score store and read-back of a scoring run: the churn domain's only dialect-specific code.
// SQLite writes and reads through a raw better-sqlite3 connection of its own (a million rows in
// seconds), PostgreSQL through Kysely with unnest batches.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../platform/context.js';
import type { StoredScore } from './churn.tables.js';

const COLUMNS = [
  'run_id',
  'customer_id',
  'p_alive',
  'prev_p_alive',
  'expected_purchases',
  'clv_minor',
  'value_at_risk_minor',
  'value_if_stays_minor',
  'rank_minor',
  'value_basis',
  'x',
  't_x',
  'T',
  'days_since_last',
  'usual_gap_days',
  'gap_basis',
  'overdue_ratio',
  'at_risk',
  'signals',
] as const;

const columnList = COLUMNS.map((c) => `"${c}"`).join(', ');

/** Writes the scores of a run: SQLite through one prepared statement in one transaction, PostgreSQL in unnest batches. */
export async function storeScores(ctx: Ctx, runId: string, rows: StoredScore[]): Promise<void> {
  if (ctx.dialect === 'sqlite') storeScoresSqlite(ctx.config.sqlitePath, runId, rows);
  else await storeScoresPostgres(ctx, runId, rows);
}

function storeScoresSqlite(path: string, runId: string, rows: StoredScore[]): void {
  const conn = new SQLite(path, { fileMustExist: true });
  try {
    conn.pragma('busy_timeout = 10000');
    // Foreign keys are not checked on this connection: every customer id comes from the purchases
    // table (whose own foreign key guarantees the customer) and the run row was just written.
    conn.pragma('foreign_keys = OFF');
    // One prepared statement per row: multi-row inserts of 200 rows were tried and measured no
    // faster (bench/churn-e2e.ts; the cost is the indexes of the growing history).
    const stmt = conn.prepare(
      `insert into churn_scores (${columnList}) values (${COLUMNS.map(() => '?').join(', ')})`,
    );
    conn.transaction(() => {
      for (const r of rows)
        stmt.run(
          runId,
          r.customer_id,
          r.p_alive,
          r.prev_p_alive,
          r.expected_purchases,
          r.clv_minor,
          r.value_at_risk_minor,
          r.value_if_stays_minor,
          r.rank_minor,
          r.value_basis,
          r.x,
          r.t_x,
          r.T,
          r.days_since_last,
          r.usual_gap_days,
          r.gap_basis,
          r.overdue_ratio,
          r.at_risk,
          r.signals,
        );
    })();
  } finally {
    conn.close();
  }
}

async function storeScoresPostgres(ctx: Ctx, runId: string, rows: StoredScore[]): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    for (let i = 0; i < rows.length; i += 5000) {
      const b = rows.slice(i, i + 5000);
      const col = <K extends keyof StoredScore>(k: K) => b.map((r) => r[k]);
      await sql`insert into churn_scores (${sql.raw(columnList)})
        select ${runId}, * from unnest(
          ${col('customer_id')}::text[], ${col('p_alive')}::float8[], ${col('prev_p_alive')}::float8[],
          ${col('expected_purchases')}::float8[], ${col('clv_minor')}::bigint[], ${col('value_at_risk_minor')}::bigint[],
          ${col('value_if_stays_minor')}::bigint[], ${col('rank_minor')}::bigint[], ${col('value_basis')}::text[], ${col('x')}::integer[], ${col('t_x')}::float8[], ${col('T')}::float8[],
          ${col('days_since_last')}::float8[], ${col('usual_gap_days')}::float8[], ${col('gap_basis')}::text[],
          ${col('overdue_ratio')}::float8[], ${col('at_risk')}::integer[], ${col('signals')}::text[])`.execute(
        tx.db,
      );
    }
  });
}

/** P(alive) per customer of a run; on SQLite read as raw rows on a read-only connection (fast for a million). */
export async function pAliveOfRun(ctx: Ctx, runId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (ctx.dialect === 'sqlite') {
    const conn = new SQLite(ctx.config.sqlitePath, { readonly: true, fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 10000');
      const stmt = conn.prepare('select customer_id, p_alive from churn_scores where run_id = ?').raw(true);
      for (const r of stmt.iterate(runId) as IterableIterator<[string, number]>) out.set(r[0], r[1]);
    } finally {
      conn.close();
    }
    return out;
  }
  const rows = await ctx.db
    .selectFrom('churn_scores')
    .select(['customer_id', 'p_alive'])
    .where('run_id', '=', runId)
    .execute();
  for (const r of rows) out.set(r.customer_id, Number(r.p_alive));
  return out;
}
