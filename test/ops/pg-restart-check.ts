// CI check (issue 16): PostgreSQL restarts under a bounded load with two app instances sharing it.
// Afterwards both instances must be alive and ready, every write they acknowledged (2xx) must be
// present, and no mail may have been sent twice. Run as root on the CI machine (it restarts the
// Debian cluster with pg_ctlcluster): `npx tsx test/ops/pg-restart-check.ts`.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startSmtp } from '../helpers/smtp.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { createApiToken, createUser } from '../../src/platform/auth/users.service.js';

const BASE_URL =
  process.env.DATABASE_URL ?? 'postgres://stammkunde:stammkunde@127.0.0.1:5432/stammkunde_test';
const DB = `stammkunde_restart_${Date.now().toString(36)}`;
const dbUrl = Object.assign(new URL(BASE_URL), { pathname: `/${DB}` }).href;
/** Writes before the restart; the load then goes on through the restart and for AFTER_MS after it. */
const BEFORE = 60;
const AFTER_MS = 5000;
const CONCURRENCY = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`pg-restart: ${line}\n`);

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function accepting(): Promise<boolean> {
  const c = new pg.Client({ connectionString: BASE_URL });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** The Debian cluster's version and name, for pg_ctlcluster. */
function cluster(): [string, string] {
  const line = execFileSync('pg_lsclusters', ['-h']).toString().trim().split('\n')[0].split(/\s+/);
  return [line[0], line[1]];
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-pg-restart-'));
  await admin(`create database ${DB}`);
  const smtp = await startSmtp();
  const env = {
    ...process.env,
    DATABASE_URL: dbUrl,
    SMTP_URL: smtp.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WORKER: 'on',
    MAIL_FROM: 'service@example.test',
  };
  // The first admin and a token, written through the services (migrates the database too).
  const boot = await createApp({ config: loadConfig({ ...env, WORKER: 'off' }), startWorker: false });
  const user = await createUser(boot.ctx, {
    email: 'ops@example.test',
    name: 'Olga Ops',
    role: 'admin',
    locale: 'de',
    password: 'correct horse battery staple',
  });
  const token = (await createApiToken(boot.ctx, user.id, 'pg-restart')).token;
  await boot.close();

  const ports = [await freePort(), await freePort()];
  const instances: ChildProcess[] = ports.map((port) =>
    spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port)], {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  const exited: number[] = [];
  for (const [i, p] of instances.entries())
    p.on('exit', (code) => {
      exited.push(i);
      log(`instance ${i} exited with ${code}`);
    });
  const ready = async (port: number) => {
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return true;
      await sleep(500);
    }
    return false;
  };
  for (const port of ports) if (!(await ready(port))) throw new Error(`instance on ${port} never got ready`);
  log(`two instances ready on ${ports.join(', ')}; PostgreSQL restarted after ${BEFORE} writes`);

  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const acknowledged: Array<{ port: number; caseId: string; email: string }> = [];
  let failed = 0;
  const statuses = new Map<string, number>();
  let next = 0;
  const [version, name] = cluster();
  let restarted = false;
  let backAt = 0;
  let afterBack = 0;
  let sentAfterBack = 0;
  const worker = async () => {
    while (!backAt || Date.now() < backAt + AFTER_MS || sentAfterBack < 40) {
      if (backAt) sentAfterBack++;
      const n = next++;
      if (!restarted && n >= BEFORE) {
        restarted = true;
        log('restarting PostgreSQL (the load goes on meanwhile)');
        execFile('pg_ctlcluster', [version, name, 'restart', '--mode', 'fast'], async (err) => {
          if (err) throw err;
          // Back when it accepts connections again (not merely "starting up").
          while (!(await accepting())) await sleep(200);
          backAt = Date.now();
          log('PostgreSQL accepts connections again');
        });
      }
      const port = ports[n % 2];
      const email = `kunde-${n}@example.test`;
      try {
        const c = await fetch(`http://127.0.0.1:${port}/api/v1/customers`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: `Neustart Kunde ${n}`, email }),
        });
        if (c.status !== 201) {
          failed++;
          const label = `${c.status}${backAt ? ' after' : ''}`;
          statuses.set(label, (statuses.get(label) ?? 0) + 1);
          if (c.status !== 503) await sleep(500);
          continue;
        }
        const customer = (await c.json()) as { id: string };
        const k = await fetch(`http://127.0.0.1:${port}/api/v1/cases`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            customerId: customer.id,
            subject: `Lieferung ${n} fehlt`,
            channel: 'email',
            points: [{ text: 'Die Lieferung ist nicht angekommen.' }],
          }),
        });
        if (k.status === 201) {
          acknowledged.push({ port, caseId: ((await k.json()) as { id: string }).id, email });
          if (backAt) afterBack++;
        } else failed++;
      } catch (err) {
        failed++;
        const label = `${(err as Error).message}${backAt ? ' after' : ''}`;
        statuses.set(label, (statuses.get(label) ?? 0) + 1);
      }
      await sleep(25);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  log(
    `${acknowledged.length} cases acknowledged (${afterBack} after the restart), ${failed} writes refused or failed during the outage (${[...statuses].map(([k, v]) => `${v}× ${k}`).join(', ')})`,
  );

  const problems: string[] = [];
  for (const [i, port] of ports.entries())
    if (exited.includes(i) || !(await ready(port))) problems.push(`instance ${i} is not alive and ready`);
  // Every acknowledged write is there, read through the other instance.
  for (const a of acknowledged) {
    const other = ports.find((p) => p !== a.port)!;
    const r = await fetch(`http://127.0.0.1:${other}/api/v1/cases/${a.caseId}`, { headers });
    if (r.status !== 200) problems.push(`acknowledged case ${a.caseId} answers ${r.status}`);
  }
  // The outbox drains: each acknowledged case's acknowledgement reaches its customer once. A mail job
  // that failed during the outage waits out its backoff (2^attempts s), so wait until no mail job is
  // pending or running any more; one that failed for good is a lost mail.
  const mailJobs = async () => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const r = await c.query(
        "select status, count(*)::int as n, max(run_at) as next from jobs where type = 'mail.send' group by status",
      );
      return Object.fromEntries(r.rows.map((x) => [x.status, { n: x.n as number, next: x.next as string }]));
    } finally {
      await c.end();
    }
  };
  // Mail jobs that failed during the outage wait out their backoff (up to minutes): bring them
  // forward, as an operator retrying the queue would, so the check does not sit out the backoff.
  {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    // Times are stored as ISO-8601 text.
    const now = new Date().toISOString();
    const r = await c.query(
      "update jobs set run_at = $1 where type = 'mail.send' and status = 'pending' and run_at > $1",
      [now],
    );
    await c.end();
    log(`${r.rowCount} mail jobs in backoff after the outage brought forward`);
  }
  const deadline = Date.now() + 600_000;
  for (;;) {
    const jobs = await mailJobs();
    const got = new Set(smtp.messages.flatMap((m) => (m.to ? [m.to].flat() : []).map((x) => x.text)));
    const settled = !jobs.pending && !jobs.running;
    if (
      (settled && acknowledged.every((a) => got.has(a.email))) ||
      (settled && Date.now() > deadline - 590_000)
    )
      break;
    if (Date.now() > deadline) {
      problems.push(`mail jobs still waiting after 10 minutes: ${JSON.stringify(jobs)}`);
      break;
    }
    await sleep(1000);
  }
  const failedMails = (await mailJobs()).failed?.n ?? 0;
  if (failedMails > 0) problems.push(`${failedMails} mail jobs failed for good`);
  await sleep(3000);
  const ids = smtp.messages.map((m) => m.messageId ?? '');
  const twice = ids.filter((id, i) => id && ids.indexOf(id) !== i);
  if (twice.length > 0) problems.push(`${twice.length} mails sent twice (same Message-ID)`);
  const perRecipient = new Map<string, number>();
  for (const m of smtp.messages)
    for (const to of [m.to ?? []].flat()) perRecipient.set(to.text, (perRecipient.get(to.text) ?? 0) + 1);
  const missing = acknowledged.filter((a) => !perRecipient.has(a.email));
  if (missing.length > 0) problems.push(`${missing.length} acknowledged cases got no acknowledgement mail`);
  const doubled = [...perRecipient].filter(([, n]) => n > 1);
  if (doubled.length > 0) problems.push(`${doubled.length} customers got more than one mail`);
  log(`${smtp.messages.length} mails received for ${acknowledged.length} acknowledged cases`);

  for (const p of instances) p.kill('SIGTERM');
  await sleep(1000);
  await smtp.stop();
  await admin(`drop database if exists ${DB} with (force)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (afterBack < 20) problems.push(`only ${afterBack} writes succeeded after the restart`);
  if (problems.length > 0) {
    for (const p of problems) log(`FAILED: ${p}`);
    process.exit(1);
  }
  log('both instances survived; every acknowledged write is present; no mail was sent twice');
  process.exit(0);
}

main().catch((err) => {
  log(`FAILED: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
