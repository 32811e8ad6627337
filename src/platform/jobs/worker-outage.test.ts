// A worker backs off while the database is unavailable (logs once, waits longer each time) and
// resumes by itself. SQLite stands in for the outage with another connection holding an exclusive
// lock (the worker's connection answers SQLITE_BUSY); PostgreSQL outages are covered by the
// classifier's tests in db/unavailable.test.ts.
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { openDatabase } from '../db/database.js';
import { enqueueJob } from './jobs.service.js';
import { JobRegistry, Worker } from './worker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(dialectUnderTest !== 'sqlite')('worker during a database outage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs the outage once, backs off without crashing, and runs the job when the database is back', async () => {
    await enqueueJob(t.ctx, { type: 'after-outage', key: 'after-outage-1' });
    const handle = openDatabase({ sqlitePath: t.config.sqlitePath });
    handle.sqlite!.pragma('busy_timeout = 20');
    const lines: string[] = [];
    const keep = (a: unknown, b?: unknown) => void lines.push(String(typeof a === 'string' ? a : b));
    let ran = 0;
    const registry = new JobRegistry();
    registry.handle('after-outage', async () => void ran++);
    const worker = new Worker(
      { ...t.ctx, db: handle.db },
      registry,
      { warn: keep, error: keep, info: keep },
      {
        pollMs: 20,
        maxBackoffMs: 200,
      },
    );
    const blocker = new SQLite(t.config.sqlitePath);
    blocker.exec('begin exclusive');
    try {
      worker.start();
      await sleep(700);
      expect(ran).toBe(0);
      expect(lines.filter((l) => l.includes('database unavailable'))).toHaveLength(1);
      expect(lines.some((l) => l.includes('worker round failed'))).toBe(false);
      blocker.exec('commit');
      for (let i = 0; i < 50 && ran === 0; i++) await sleep(50);
      expect(ran).toBe(1);
      expect(lines.some((l) => l.includes('worker resumed'))).toBe(true);
    } finally {
      if (blocker.inTransaction) blocker.exec('rollback');
      blocker.close();
      await worker.stop();
      await handle.close();
    }
  });
});
