// A cheap fingerprint of the whole database, to tell whether a request wrote anything: the row count
// of every table, the latest `updated_at` of every table that has one (tests move the clock before
// each request, so an update shows as a newer time), and the largest audit id (ULIDs grow with
// time). One query on either database; the tables are read from the catalogue, so a new table is
// covered without touching this file.
import { sql } from 'kysely';
import type { Ctx } from '../../src/platform/context.js';

export type Fingerprint = Record<string, string>;

type Column = { table: string; column: string };

async function columns(ctx: Ctx): Promise<Column[]> {
  if (ctx.dialect === 'postgres') {
    const { rows } = await sql<Column>`
      select c.table_name as "table", c.column_name as "column"
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(ctx.db);
    return rows;
  }
  const { rows } = await sql<Column>`
    select m.name as "table", p.name as "column"
    from sqlite_master m, pragma_table_info(m.name) p
    where m.type = 'table' and m.name not like 'sqlite_%'
    order by m.name, p.cid`.execute(ctx.db);
  return rows;
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`unexpected table or column name ${name}`);
  return `"${name}"`;
};

/** Builds the fingerprint reader once (the catalogue is read now; call it again after a migration). */
export async function fingerprintReader(ctx: Ctx): Promise<() => Promise<Fingerprint>> {
  const cols = await columns(ctx);
  const tables = [...new Set(cols.map((c) => c.table))];
  const parts: string[] = [];
  for (const table of tables) {
    parts.push(`select '${table}.count' as k, cast(count(*) as text) as v from ${ident(table)}`);
    if (cols.some((c) => c.table === table && c.column === 'updated_at'))
      parts.push(`select '${table}.updated_at' as k, max(updated_at) as v from ${ident(table)}`);
  }
  parts.push(`select 'audit_log.max_id' as k, max(id) as v from audit_log`);
  const query = sql.raw<{ k: string; v: string | null }>(parts.join('\nunion all\n'));
  return async () => {
    const { rows } = await query.execute(ctx.db);
    return Object.fromEntries(rows.map((r) => [r.k, r.v ?? '']));
  };
}

/** The keys whose values differ between two fingerprints, as `key: before → after`. */
export function fingerprintDiff(before: Fingerprint, after: Fingerprint, ignore: (key: string) => boolean) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => !ignore(k) && before[k] !== after[k])
    .map((k) => `${k}: ${before[k]} → ${after[k]}`);
}
