/**
 * Webhook delivery benchmark: n events (default 10,000) delivered to a real HTTP receiver on
 * 127.0.0.1 through the product's path — emitEvent in its own transaction (commit), the fan-out job,
 * the delivery job (HTTP POST, signed, attempt logged) — run by the app's job worker with its
 * default options. The receiver answers 200 and records each webhook-id with its arrival time.
 * Phase 1 (throughput): all n events are committed first, then the worker drains the backlog.
 * Phase 2 (delay): another n events are committed at a steady pace of about half the phase-1
 * throughput while the worker runs; delay = arrival at the receiver − commit of the event.
 * Baseline in the same run, same database, same worker: n jobs whose handler does nothing.
 * Lost (must be 0) = events without an arrival; duplicates (allowed, at-least-once) = arrivals of a
 * webhook-id seen before. The receiver runs in its own process, so it does not slow the worker's
 * event loop; arrival and commit times are read from the machine's clock in both processes.
 * Run: npx tsx bench/webhooks.ts [n]   (SQLite in a temp dir; with DATABASE_URL a fresh PostgreSQL schema)
 */
import fs from 'node:fs';
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { inTransaction } from '../src/platform/context.js';
import { emitEvent } from '../src/platform/events.js';
import { enqueueJob } from '../src/platform/jobs/jobs.service.js';
import { createEndpoint } from '../src/webhooks/webhooks.service.js';
import { machineLine } from './lib/bench-env.js';

const N = Number(process.argv[2] ?? 10_000);
const url = process.env.DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Arrival = { at: number; customerId: string; msgId: string };

/** The receiver in its own process (bench/lib/webhook-receiver-process.ts); arrivals come over IPC. */
function startReceiver() {
  const arrivals: Arrival[] = [];
  const child = fork(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib/webhook-receiver-process.ts'),
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  child.on('message', (m: { arrivals?: Arrival[] }) => {
    if (m.arrivals) arrivals.push(...m.arrivals);
  });
  return new Promise<{ url: string; arrivals: Arrival[]; close(): Promise<void> }>((resolve) =>
    child.once('message', (m: { port: number }) =>
      resolve({
        url: `http://127.0.0.1:${m.port}/hook`,
        arrivals,
        close: () =>
          new Promise<void>((r) => {
            child.once('exit', () => r());
            child.send({ stop: true });
          }),
      }),
    ),
  );
}

/** The machine's clock in ms (timeOrigin + now), comparable with the receiver process's. */
const clock = () => performance.timeOrigin + performance.now();

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-bench-webhooks-'));
  let pgSchema: string | undefined;
  const admin = url ? new pg.Client({ connectionString: url }) : null;
  if (admin) {
    await admin.connect();
    pgSchema = `bench_wh_${Date.now().toString(36)}`;
    await admin.query(`create schema ${pgSchema}`);
  }
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    WEBHOOKS_ALLOW_HTTP: 'true',
  });
  const app = await createApp({ config, pgSchema, startWorker: false });
  const receiver = await startReceiver();
  const { ctx, worker } = app;
  try {
    // Baseline: n jobs doing nothing, through the same worker.
    app.registry.handle('bench.noop', async () => {});
    for (let start = 0; start < N; start += 500)
      await inTransaction(ctx, async (tx) => {
        for (let i = start; i < Math.min(N, start + 500); i++)
          await enqueueJob(tx, { type: 'bench.noop', key: `bench.noop:${i}`, payload: { i } });
      });
    let t0 = performance.now();
    while ((await worker.drain(1000)) > 0);
    const bareSecs = (performance.now() - t0) / 1000;

    await createEndpoint(ctx, { url: receiver.url, events: ['customer.won_back'], description: 'bench' });
    const commits = new Map<string, number>();
    const emit = async (i: number) => {
      const customerId = `cus_bench_${i}`;
      await inTransaction(ctx, (tx) =>
        emitEvent(tx, 'customer.won_back', {
          customerId,
          lostId: `lost_bench_${i}`,
          wonBackAt: tx.clock.now().toISOString(),
        }),
      );
      commits.set(customerId, clock());
    };
    const waitFor = async (count: number, timeoutMs: number) => {
      const until = performance.now() + timeoutMs;
      while (new Set(receiver.arrivals.map((a) => a.customerId)).size < count && performance.now() < until)
        await sleep(20);
    };

    // Phase 1: backlog of n committed events, then the worker drains it.
    for (let i = 0; i < N; i++) await emit(i);
    t0 = performance.now();
    worker.start();
    await waitFor(N, 600_000);
    const backlogSecs = (performance.now() - t0) / 1000;
    await worker.stop();
    const throughput = N / backlogSecs;

    // Phase 2: a steady stream at about half that rate while the worker runs.
    const rate = Math.max(10, Math.floor(throughput / 2));
    worker.start();
    const t1 = performance.now();
    for (let i = N; i < 2 * N; i++) {
      const due = t1 + ((i - N) * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      await emit(i);
    }
    await waitFor(2 * N, 600_000);
    await worker.stop();

    const first = new Map<string, Arrival>();
    let duplicates = 0;
    const seenMsg = new Set<string>();
    for (const a of receiver.arrivals) {
      if (seenMsg.has(a.msgId)) duplicates++;
      seenMsg.add(a.msgId);
      if (!first.has(a.customerId)) first.set(a.customerId, a);
    }
    const delays = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => `cus_bench_${from + k}`)
        .filter((c) => first.has(c))
        .map((c) => first.get(c)!.at - commits.get(c)!)
        .sort((a, b) => a - b);
    const backlog = delays(0, N);
    const steady = delays(N, 2 * N);
    const lost = 2 * N - first.size;
    const failedAttempts = Number(
      (
        await ctx.db
          .selectFrom('webhook_attempts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status_code', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

    const db = url
      ? `PostgreSQL ${(await admin!.query('show server_version')).rows[0].server_version}`
      : 'SQLite';
    console.log(
      `webhooks: ${N} events per phase, one endpoint on 127.0.0.1 (http), ${db}, worker defaults (batch 20, poll 500 ms)`,
    );
    console.log('');
    console.log('| run | items | time | per second | delay p50 | delay p99 |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(
      `| baseline: jobs doing nothing | ${N} | ${bareSecs.toFixed(1)} s | ${Math.round(N / bareSecs)} jobs | | |`,
    );
    console.log(
      `| webhooks, backlog of ${N} committed events (2 jobs + 1 POST each) | ${N} | ${backlogSecs.toFixed(1)} s | ${Math.round(throughput)} events | ${(pct(backlog, 0.5) / 1000).toFixed(1)} s | ${(pct(backlog, 0.99) / 1000).toFixed(1)} s |`,
    );
    console.log(
      `| webhooks, steady ${rate} events/s | ${N} | ${(N / rate).toFixed(1)} s | ${rate} events | ${pct(steady, 0.5).toFixed(0)} ms | ${pct(steady, 0.99).toFixed(0)} ms |`,
    );
    console.log('');
    console.log(
      `lost: ${lost} (must be 0); duplicates: ${duplicates} (allowed, at-least-once); failed attempts: ${failedAttempts}`,
    );
    console.log(machineLine(db));
    if (lost > 0) {
      console.log('FAILED: events were lost');
      process.exitCode = 1;
    }
  } finally {
    await receiver.close();
    await app.close();
    if (admin) {
      await admin.query(`drop schema ${pgSchema} cascade`);
      await admin.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
