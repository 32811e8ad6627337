// `stammkunde churn run` as an operator types it: it names the run it started, and refuses with a
// message naming the running run while another one is alive (exit code 2), leaving that run alone.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../app.js';
import { failRun, openRun } from '../churn/run/run-record.js';
import { planRun } from '../churn/run/run-state.js';
import { createCustomer } from '../customers/customers.service.js';
import { loadConfig } from '../platform/config.js';
import { recordPurchase } from '../purchases/purchases.service.js';

const run = promisify(execFile);
const bin = ['--import', 'tsx', path.resolve('src/cli/main.ts')];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-cli-churn-'));
const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', SMTP_URL: '' };
const cli = (...args: string[]) => run(process.execPath, [...bin, ...args], { env });
const DAY = 86_400_000;

describe.skipIf(!!process.env.DATABASE_URL)('stammkunde churn run on the embedded database', () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp({ config: loadConfig({ ...env, WORKER: 'off' }), startWorker: false });
    // 20 customers buying every 2–5 weeks for two years up to last week; every third stopped half a year ago.
    const end = Date.now() - 7 * DAY;
    for (let k = 0; k < 20; k++) {
      const c = await createCustomer(app.ctx, {
        name: `CLI Kunde ${k}`,
        customerSince: new Date(end - 730 * DAY).toISOString(),
      });
      const stop = k % 3 === 0 ? end - 180 * DAY : end;
      const gap = (14 + (k % 4) * 7) * DAY;
      for (let at = end - 730 * DAY + gap, n = 0; at <= stop; at += gap, n++)
        await recordPurchase(app.ctx, {
          externalId: `CLI-${k}-${n}`,
          customerId: c.id,
          purchasedAt: new Date(at).toISOString(),
          amountMinor: 4_000 + k * 100,
          currency: 'EUR',
          kind: 'sale',
        });
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the id of the run it started', async () => {
    const out = await cli('churn', 'run', '--models', 'bgnbd', '--json');
    const result = JSON.parse(out.stdout);
    expect(result.customers).toBe(20);
    expect(out.stderr).toContain(`scoring run ${result.id} started`);
  }, 60_000);

  it('refuses with a message naming the running run and exit code 2 while another run is alive', async () => {
    const held = await openRun(app.ctx, await planRun(app.ctx, {}));
    try {
      const err = await cli('churn', 'run', '--models', 'bgnbd').catch((e) => e);
      expect(err.code).toBe(2);
      expect(err.stderr).toContain(`scoring run ${held!.id} is running`);
      const row = await app.ctx.db
        .selectFrom('churn_runs')
        .select('status')
        .where('id', '=', held!.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('running');
    } finally {
      held!.lease.stop();
      await failRun(held!, new Error('test over'));
    }
  }, 60_000);
});
