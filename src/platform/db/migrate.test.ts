// Two instances starting at once on one PostgreSQL schema: one migrates, the other waits and finds
// nothing left to do (session advisory lock); neither fails.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dialectUnderTest } from '../../../test/helpers/test-app.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

describe('migrations at start-up', () => {
  it.skipIf(dialectUnderTest !== 'postgres')(
    'lets two instances migrate one fresh PostgreSQL schema at once without failing or migrating twice',
    async () => {
      const url = process.env.DATABASE_URL!;
      const schema = `m_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const a = openDatabase({ databaseUrl: url, sqlitePath: '', pgSchema: schema });
      const b = openDatabase({ databaseUrl: url, sqlitePath: '', pgSchema: schema });
      try {
        const [ranA, ranB] = await Promise.all([
          migrateToLatest(a.db, schema),
          migrateToLatest(b.db, schema),
        ]);
        // Every migration ran exactly once, by one of the two.
        expect([...ranA, ...ranB].sort()).toEqual(Object.keys(migrations).sort());
        expect(Math.min(ranA.length, ranB.length)).toBe(0);
      } finally {
        await a.close();
        await b.close();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      }
    },
  );
});
