// Starts the real app in-process on a fresh SQLite file, or a fresh PostgreSQL schema when
// DATABASE_URL is set, with staff users of each role and their API tokens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type App, createApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { type Config, loadConfig } from '../../src/platform/config.js';
import type { Role } from '../../src/platform/context.js';
import { createApiToken, createUser } from '../../src/platform/auth/users.service.js';

export const dialectUnderTest = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

export type Staff = { id: string; email: string; token: string; name: string };

export type TestApp = App & {
  clock: ReturnType<typeof fixedClock>;
  staff: Record<Role, Staff>;
  /** An HTTP request through the real server as a staff role (API token) or anonymous. */
  request(
    as: Role | null,
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{
    status: number;
    body: any;
    headers: Record<string, unknown>;
    text: string;
    rawPayload: Buffer;
  }>;
  /** Runs every due job now (mail delivery, timers); returns how many ran. */
  drainJobs(): Promise<number>;
};

export type TestAppOptions = {
  now?: string;
  smtpUrl?: string;
  config?: Partial<Config>;
  /** Capture the log (set `config.logLevel` too; the default is silent). */
  logStream?: NodeJS.WritableStream;
};

export const PASSWORD = 'correct horse battery staple';

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-test-'));
  let pgSchema: string | undefined;
  if (process.env.DATABASE_URL) {
    pgSchema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`create schema ${pgSchema}`);
    await client.end();
  }
  const config = loadConfig(
    { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: dir, WORKER: 'off', SMTP_URL: options.smtpUrl ?? '' },
    options.config,
  );
  const clock = fixedClock(options.now ?? '2026-03-02T09:00:00.000Z');
  const app = await createApp({ config, clock, pgSchema, startWorker: false, logStream: options.logStream });
  const staff = {} as Record<Role, Staff>;
  for (const role of ['agent', 'manager', 'admin'] as Role[]) {
    const email = `${role}@example.test`;
    const name = { agent: 'Anna Agent', manager: 'Max Manager', admin: 'Ada Admin' }[role];
    const user = await createUser(app.ctx, { email, name, role, locale: 'de', password: PASSWORD });
    // Tests move the clock by years; their staff tokens must outlive any of them.
    const token = await createApiToken(app.ctx, user.id, `${role} test token`, 100 * 366);
    staff[role] = { id: user.id, email, token: token.token, name };
  }
  await app.server.ready();
  return {
    ...app,
    clock,
    staff,
    async request(as, method, url, body, headers = {}) {
      const res = await app.server.inject({
        method: method as any,
        url,
        payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        headers: {
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...(as ? { authorization: `Bearer ${staff[as].token}` } : {}),
          ...headers,
        },
      });
      let parsed: unknown = null;
      try {
        parsed = res.body ? JSON.parse(res.body) : null;
      } catch {
        parsed = null;
      }
      return {
        status: res.statusCode,
        body: parsed,
        headers: res.headers,
        text: res.body,
        rawPayload: res.rawPayload,
      };
    },
    drainJobs: () => app.worker.drain(),
    async close() {
      await app.close();
      if (pgSchema) {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query(`drop schema ${pgSchema} cascade`);
        await client.end();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
