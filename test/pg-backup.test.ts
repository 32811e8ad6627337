// PostgreSQL backup and restore as docs/operations.md tells the operator: `pg_dump --format=custom`
// while the app serves, `pg_restore --no-owner` into a new database, and an app started on the
// restored database serves the same customers and cases to the same API tokens.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { dialectUnderTest, startTestApp, type TestApp } from './helpers/test-app.js';

const run = promisify(execFile);

describe.skipIf(dialectUnderTest !== 'postgres')(
  'PostgreSQL backup and restore (pg_dump, pg_restore)',
  () => {
    let t: TestApp;
    let restored: App | undefined;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-pg-backup-'));
    const dump = path.join(dir, 'stammkunde.dump');
    const restoreDb = `stammkunde_restore_${Date.now().toString(36)}`;
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://localhost/none');
    const restoreUrl = Object.assign(new URL(url.href), { pathname: `/${restoreDb}` }).href;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await restored?.close();
      await t?.close();
      await admin(`drop database if exists ${restoreDb}`);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('restores a dump taken while the app serves into a new database that an app then serves unchanged', async () => {
      const customer = await t.request('agent', 'POST', '/api/v1/customers', {
        name: 'Sicherung Kundin',
        email: 'sicherung@example.test',
      });
      expect(customer.status).toBe(201);
      const created = await t.request('agent', 'POST', '/api/v1/cases', {
        customerId: customer.body.id,
        subject: 'Rechnung doppelt',
        channel: 'phone',
        points: [{ text: 'Die Rechnung kam zweimal.' }],
      });
      expect(created.status).toBe(201);
      const before = await t.request('agent', 'GET', `/api/v1/cases/${created.body.id}`);

      // The test app lives in its own schema; the operator would dump the whole database.
      const schema = (
        await t.ctx.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()
      ).s;
      await run('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${dump}`, url.href]);
      // Writes after the dump are not in it.
      await t.request('agent', 'POST', '/api/v1/customers', { name: 'Nach der Sicherung' });

      await admin(`create database ${restoreDb}`);
      await run('pg_restore', ['--no-owner', `--dbname=${restoreUrl}`, dump]);

      const config = loadConfig(
        {
          ...process.env,
          DATABASE_URL: restoreUrl,
          LOG_LEVEL: 'silent',
          DATA_DIR: dir,
          WORKER: 'off',
          SMTP_URL: '',
        },
        {},
      );
      restored = await createApp({
        config,
        clock: fixedClock(t.clock.now().toISOString()),
        pgSchema: schema,
        startWorker: false,
      });
      await restored.server.ready();
      const ask = (url: string) =>
        restored!.server.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${t.staff.agent.token}` },
        });
      const after = await ask(`/api/v1/cases/${created.body.id}`);
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual(before.body);
      const names = (await ask('/api/v1/customers?limit=500'))
        .json()
        .items.map((c: { name: string }) => c.name);
      expect(names).toContain('Sicherung Kundin');
      expect(names).not.toContain('Nach der Sicherung');
    }, 120_000);
  },
);
