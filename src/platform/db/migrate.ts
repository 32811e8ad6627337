// Runs the numbered, forward-only migrations on either dialect.
import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import { migrations } from './migrations/index.js';

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/**
 * Brings the schema to the latest migration; throws with the failing migration's name. On
 * PostgreSQL it holds a session advisory lock per schema meanwhile, so two instances starting
 * together never migrate at once (the second waits, then finds nothing to do).
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return runMigrations(db, schema);
  return db.connection().execute(async (conn) => {
    // Kysely's own migration lock covers only the migrations, not the creation of its bookkeeping
    // tables, which fails when two instances create them at the same moment.
    const lockKey = sql`hashtext('stammkunde.migrate:' || current_schema())`;
    await sql`select pg_advisory_lock(${lockKey})`.execute(conn);
    try {
      return await runMigrations(conn, schema);
    } finally {
      await sql`select pg_advisory_unlock(${lockKey})`.execute(conn);
    }
  });
}

async function runMigrations(db: Kysely<any>, schema?: string): Promise<string[]> {
  // On PostgreSQL Kysely looks for its bookkeeping tables in every schema unless told which one;
  // several app schemas in one database (tests, tenants) would otherwise see each other's.
  // Domains land migrations independently, so an older number may arrive after a newer one.
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
