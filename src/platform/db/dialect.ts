// Small SQL helpers whose text differs between SQLite and PostgreSQL.
import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database.js';

/** Column type for an auto-incrementing integer primary key. */
export function serialType(dialect: DialectName): 'integer' | 'bigserial' {
  return dialect === 'postgres' ? 'bigserial' : 'integer';
}

/** Case-insensitive LIKE. */
export function ilike(dialect: DialectName): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** Days between two ISO-8601 text timestamps (b - a), as a float. */
export function daysBetween(
  dialect: DialectName,
  a: RawBuilder<unknown> | string,
  b: RawBuilder<unknown> | string,
) {
  const ra = typeof a === 'string' ? sql.ref(a) : a;
  const rb = typeof b === 'string' ? sql.ref(b) : b;
  return dialect === 'postgres'
    ? sql<number>`(extract(epoch from (${rb}::timestamptz - ${ra}::timestamptz)) / 86400.0)`
    : sql<number>`(julianday(${rb}) - julianday(${ra}))`;
}

/** Whether a statement failed on a unique index (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
