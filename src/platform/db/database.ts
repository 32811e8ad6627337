// Opens the database: better-sqlite3 (default, a file) or PostgreSQL when a URL is given.
// Dialect differences live in this folder only.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../schema.js';

export type DialectName = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;

export type DatabaseHandle = {
  db: Db;
  dialect: DialectName;
  /** The raw better-sqlite3 handle (SQLite only): bulk import and online backup use it. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl?: string;
  sqlitePath: string;
  pgSchema?: string;
  poolSize?: number;
  /**
   * PostgreSQL: called when an idle pooled connection dies (server restart, network cut). Without a
   * listener node-postgres re-throws the error and the process exits; with one the pool drops the
   * client and opens a new one on the next query.
   */
  onConnectionError?: (err: Error) => void;
};

// int8 and numeric come back as strings by default; our values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens a database handle for the configured dialect. */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options);
  return openSqlite(options.sqlitePath);
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted and overwritten content is zeroed in the file (and so in the WAL and in backups), not
  // left in free space: what a GDPR erasure removes is gone from the bytes, not just from the rows.
  sqlite.pragma('secure_delete = ON');
  // A server process, not a phone: 64 MiB of page cache (default 2 MiB) keeps the hot index pages of a
  // large database in memory, and checkpoints in bigger, rarer batches (default every 1,000 pages).
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 4000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs about as much as running a small
 * statement. Reusing prepared statements by SQL text (a statement still being iterated is never
 * shared) roughly halves the cost of a write path made of many small statements.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const stmt = sqlite.prepare(source);
    if (!hit) {
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function openPostgres(options: DatabaseOptions): DatabaseHandle {
  const schema = options.pgSchema;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    // During an outage a request waits at most this long for a connection, then answers 503.
    connectionTimeoutMillis: 5_000,
    // Shows in pg_stat_activity, so an operator (and the outage test) can tell our connections apart.
    application_name: schema ? `stammkunde:${schema}` : 'stammkunde',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const report =
    options.onConnectionError ??
    ((err: Error) =>
      process.stderr.write(`PostgreSQL connection lost (${err.message}); reconnecting on next use\n`));
  // An idle client's error reaches the pool; a checked-out client's (between the queries of a
  // transaction when the server goes down) is emitted on the client itself, and an unhandled 'error'
  // would end the process. The failed query or commit rejects on its own; the broken client is not
  // queryable any more and the pool drops it on release.
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
