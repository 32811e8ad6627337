// Benchmark: our purchase import (CSV or JSON file → SQLite) against a bare better-sqlite3 batched insert
// of the same rows into the same table, plus peak memory at N/4 and N rows to show it stays flat.
//
//   npx tsx bench/purchase-import.ts [rows] [csv|json|ndjson]
//     (default 1,000,000 rows, csv; fixed seed; files under os.tmpdir())
//   json: one pretty-printed array (2-space indent, a field per line: the bulkiest usual export);
//   ndjson: one object per line.
//
// Each measurement runs in its own child process, so peak RSS belongs to that run alone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { importCustomers } from '../src/customers/customers.import.js';
import { newPurchaseIds } from '../src/purchases/purchases.bulk.js';
import { importPurchases } from '../src/purchases/purchases.import.js';
import { mulberry32 } from './lib/bench-env.js';

const SEED = 20260302;
const CUSTOMERS = 50_000;
const BATCH = 10_000;
const KINDS = ['sale', 'service', 'parts', 'other'] as const;

type GeneratedPurchase = {
  externalId: string;
  customerRef: string;
  purchasedAt: string;
  amountMinor: number;
  kind: string;
  productCode: string;
  quantity: number;
  description: string;
};

const START = Date.parse('2023-01-01T00:00:00Z');
const SPAN = Date.parse('2026-01-01T00:00:00Z') - START;

/** The purchases of the benchmark, in file order; customers are skewed (some buy much more often). */
function* purchases(rows: number): Generator<GeneratedPurchase> {
  const rnd = mulberry32(SEED);
  for (let i = 1; i <= rows; i++) {
    const r = rnd();
    yield {
      externalId: `BX-${i}`,
      customerRef: `BC-${Math.floor(r * r * CUSTOMERS)}`,
      purchasedAt: new Date(START + Math.floor(rnd() * SPAN)).toISOString(),
      amountMinor: 500 + Math.floor(rnd() * 50_000),
      kind: KINDS[Math.floor(rnd() * 4)],
      productCode: rnd() < 0.33 ? '' : `PRD-${Math.floor(rnd() * 200)}`,
      quantity: 1 + Math.floor(rnd() * 3),
      description: rnd() < 0.25 ? 'Inspektion und Ölwechsel' : '',
    };
  }
}

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = fs.createWriteStream(file);
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  await new Promise<void>((r) => out.end(() => r()));
}

function* purchaseCsv(rows: number): Generator<string> {
  yield 'external_id,customer_ref,purchased_at,amount_minor,currency,kind,product_code,quantity,description';
  for (const p of purchases(rows)) {
    yield `${p.externalId},${p.customerRef},${p.purchasedAt},${p.amountMinor},EUR,${p.kind},${p.productCode},${p.quantity},${p.description}`;
  }
}

const jsonOf = (p: GeneratedPurchase) => ({
  externalId: p.externalId,
  customerRef: p.customerRef,
  purchasedAt: p.purchasedAt,
  amountMinor: p.amountMinor,
  currency: 'EUR',
  kind: p.kind,
  productCode: p.productCode || null,
  quantity: p.quantity,
  description: p.description || null,
});

/** A JSON array as an exporting tool pretty-prints it: one field per line. */
function* purchaseJsonArray(rows: number): Generator<string> {
  yield '[';
  let i = 0;
  for (const p of purchases(rows)) {
    const element = JSON.stringify(jsonOf(p), null, 2).replace(/^/gm, '  ');
    yield ++i < rows ? `${element},` : element;
  }
  yield ']';
}

function* purchaseNdjson(rows: number): Generator<string> {
  for (const p of purchases(rows)) yield JSON.stringify(jsonOf(p));
}

type FileShape = 'csv' | 'json' | 'ndjson';
const writers: Record<FileShape, (rows: number) => Generator<string>> = {
  csv: purchaseCsv,
  json: purchaseJsonArray,
  ndjson: purchaseNdjson,
};

function* customerCsv(): Generator<string> {
  yield 'external_ref,name,customer_since';
  const rnd = mulberry32(SEED + 1);
  for (let k = 0; k < CUSTOMERS; k++) {
    yield `BC-${k},Kunde ${k},${new Date(Date.parse('2012-01-01T00:00:00Z') + Math.floor(rnd() * 13 * 365.25 * 86_400_000)).toISOString()}`;
  }
}

const config = (dir: string) =>
  loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', WORKER: 'off' });

type Measurement = {
  rows: number;
  inserted: number;
  ms: number;
  cpuMs: number;
  peakRssSampled: number;
  maxRss: number;
};

/** Samples RSS every 50 ms while fn runs (and reads the process's peak RSS afterwards). */
async function measure(fn: () => Promise<number>): Promise<Omit<Measurement, 'rows'>> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const inserted = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return {
    inserted,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssSampled: peak,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
}

// ----- child processes: one measurement each --------------------------------------------------

async function childOurs(dir: string, file: string, rows: number, shape: FileShape): Promise<Measurement> {
  const app = await createApp({ config: config(dir), startWorker: false });
  try {
    const m = await measure(async () => {
      const report = await importPurchases(app.ctx, {
        file,
        format: shape === 'csv' ? 'csv' : 'json',
        skipInvalid: false,
        sqlite: app.handle.sqlite,
      });
      if (!report.imported || report.rejected > 0)
        throw new Error(`import rejected rows: ${JSON.stringify(report.rejectedRows.slice(0, 5))}`);
      return report.created;
    });
    return { rows, ...m };
  } finally {
    await app.close();
  }
}

async function childBare(dir: string, rows: number): Promise<Measurement> {
  const db = new SQLite(path.join(dir, 'stammkunde.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const ids = new Map(
    (
      db.prepare('select id, external_ref from customers').all() as Array<{
        id: string;
        external_ref: string;
      }>
    ).map((r) => [r.external_ref, r.id]),
  );
  const insert = db.prepare(
    `insert into purchases (id, external_id, customer_id, purchased_at, amount_minor, currency, kind, product_code, quantity, description, source, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const createdAt = new Date().toISOString();
  const m = await measure(async () => {
    const insertBatch = db.transaction((batch: GeneratedPurchase[]) => {
      const rowIds = newPurchaseIds(batch.length);
      for (let i = 0; i < batch.length; i++) {
        const p = batch[i];
        insert.run(
          rowIds[i],
          p.externalId,
          ids.get(p.customerRef),
          p.purchasedAt,
          p.amountMinor,
          'EUR',
          p.kind,
          p.productCode || null,
          p.quantity,
          p.description || null,
          'import',
          createdAt,
        );
      }
    });
    let batch: GeneratedPurchase[] = [];
    for (const p of purchases(rows)) {
      batch.push(p);
      if (batch.length === BATCH) {
        insertBatch(batch);
        batch = [];
      }
    }
    if (batch.length) insertBatch(batch);
    return rows;
  });
  db.close();
  return { rows, ...m };
}

// ----- the orchestrating process --------------------------------------------------------------

function runChild(args: string[]): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1], '--child', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`child ${args[0]} exited ${code}`)),
    );
  });
}

function copyDatabase(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  fs.copyFileSync(path.join(from, 'stammkunde.db'), path.join(to, 'stammkunde.db'));
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const num = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const rows = Number.parseInt(process.argv[2] ?? '1000000', 10);
  const shape = (process.argv[3] ?? 'csv') as FileShape;
  if (!(shape in writers)) throw new Error(`shape ${shape}: expected csv, json or ndjson`);
  const label = shape.toUpperCase();
  const quarter = Math.floor(rows / 4);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-bench-import-'));
  try {
    const cpu = os.cpus();
    process.stdout.write(
      `Purchase import benchmark: ${num(rows)} rows (${shape}), ${num(CUSTOMERS)} customers, seed ${SEED}\n`,
    );
    process.stdout.write(
      `machine: ${cpu[0]?.model ?? 'unknown CPU'} (${cpu.length} cores), ${mib(os.totalmem())} RAM, node ${process.version}, ${os.platform()} ${os.release()}\n`,
    );
    process.stdout.write(
      `work dir: ${work}; load average at start: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}\n\n`,
    );

    const template = path.join(work, 'template');
    const customersFile = path.join(work, 'customers.csv');
    await writeLines(customersFile, customerCsv());
    const t0 = performance.now();
    const app = await createApp({ config: config(template), startWorker: false });
    const customers = await importCustomers(app.ctx, {
      file: customersFile,
      format: 'csv',
      skipInvalid: false,
    });
    await app.close();
    process.stdout.write(
      `setup: ${num(customers.created)} customers imported in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    const fileN = path.join(work, `purchases-${rows}.${shape}`);
    const fileQ = path.join(work, `purchases-${quarter}.${shape}`);
    await writeLines(fileN, writers[shape](rows));
    await writeLines(fileQ, writers[shape](quarter));
    process.stdout.write(
      `files: ${fileN} (${mib(fs.statSync(fileN).size)}), N/4 file (${mib(fs.statSync(fileQ).size)})\n\n`,
    );

    copyDatabase(template, path.join(work, 'ours-q'));
    const oursQ = await runChild(['ours', path.join(work, 'ours-q'), fileQ, String(quarter), shape]);
    fs.rmSync(path.join(work, 'ours-q'), { recursive: true, force: true });
    copyDatabase(template, path.join(work, 'ours-n'));
    const ours = await runChild(['ours', path.join(work, 'ours-n'), fileN, String(rows), shape]);
    fs.rmSync(path.join(work, 'ours-n'), { recursive: true, force: true });
    copyDatabase(template, path.join(work, 'bare-n'));
    const bare = await runChild(['bare', path.join(work, 'bare-n'), String(rows)]);

    const line = (name: string, m: Measurement) =>
      name.padEnd(34) +
      num(m.rows).padStart(11) +
      (m.ms / 1000).toFixed(1).padStart(9) +
      num(m.rows / (m.ms / 1000)).padStart(10) +
      (m.cpuMs / 1000).toFixed(1).padStart(8) +
      num(m.rows / (m.cpuMs / 1000)).padStart(13) +
      mib(m.peakRssSampled).padStart(11) +
      mib(m.maxRss).padStart(10);
    const head =
      'run'.padEnd(34) +
      'rows'.padStart(11) +
      'wall s'.padStart(9) +
      'rows/s'.padStart(10) +
      'CPU s'.padStart(8) +
      'rows/CPU-s'.padStart(13) +
      'peak RSS'.padStart(11) +
      'max RSS'.padStart(10);
    process.stdout.write(`${head}\n`);
    process.stdout.write(`${line(`ours: ${label} file -> SQLite (N/4)`, oursQ)}\n`);
    process.stdout.write(`${line(`ours: ${label} file -> SQLite (N)`, ours)}\n`);
    process.stdout.write(`${line('bare better-sqlite3 insert (N)', bare)}\n\n`);
    const wallRatio = ours.rows / ours.ms / (bare.rows / bare.ms);
    const cpuRatio = ours.rows / ours.cpuMs / (bare.rows / bare.cpuMs);
    const verdict = (r: number) =>
      `${(r * 100).toFixed(0)}% ${r >= 0.35 ? '(target >= 35%: met)' : '(target >= 35%: NOT met)'}`;
    process.stdout.write(`ours / bare throughput, wall clock: ${verdict(wallRatio)}\n`);
    process.stdout.write(`ours / bare throughput, CPU time:   ${verdict(cpuRatio)}\n`);
    process.stdout.write(
      `peak RSS at N vs N/4: ${mib(ours.peakRssSampled)} vs ${mib(oursQ.peakRssSampled)} (x${(ours.peakRssSampled / oursQ.peakRssSampled).toFixed(2)} for x4 rows)\n`,
    );
    process.stdout.write(
      `load average (1/5/15 min) at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} on ${cpu.length} cores\n`,
    );
    if (ours.inserted !== rows || bare.inserted !== rows)
      process.stdout.write(
        `WARNING: inserted ${ours.inserted} (ours) / ${bare.inserted} (bare) of ${rows}\n`,
      );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function child(args: string[]): Promise<void> {
  const [kind, dir, ...rest] = args;
  const m =
    kind === 'ours'
      ? await childOurs(dir, rest[0], Number(rest[1]), rest[2] as FileShape)
      : await childBare(dir, Number(rest[0]));
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

const childAt = process.argv.indexOf('--child');
(childAt > 0 ? child(process.argv.slice(childAt + 1)) : main()).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
