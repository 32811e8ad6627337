import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe.skipIf(dialectUnderTest !== 'postgres')('database connections (PostgreSQL)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps serving after the server kills its idle connections', async () => {
    // Warm the pool: a few requests leave idle clients behind.
    for (let i = 0; i < 3; i++)
      expect((await app.request('manager', 'GET', '/api/v1/customers')).status).toBe(200);
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(app.ctx.db)).rows[0]?.s;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const killed = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [`stammkunde:${schema}`],
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    // The idle clients' error events arrive asynchronously; without a pool error listener the
    // process would die here with an unhandled 'error' event.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await app.request('manager', 'GET', '/api/v1/customers');
    expect(after.status).toBe(200);
  });
});
