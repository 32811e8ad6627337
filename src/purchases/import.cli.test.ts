// The `stammkunde import` command, run as a real process on a SQLite database in a temp dir.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest } from '../../test/helpers/test-app.js';

const root = path.resolve(import.meta.dirname, '../..');
// The sources through tsx (resolved here: the command runs in a temp dir without node_modules).
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function stammkunde(
  dir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, path.join(root, 'src/cli/main.ts'), ...args],
      { cwd: dir, env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(dialectUnderTest === 'postgres')('stammkunde import (CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-cli-import-'));
    fs.writeFileSync(
      path.join(dir, 'customers.csv'),
      'external_ref,name,customer_since\nCLI-1,Erste Kundin,2020-01-01\nCLI-2,Zweiter Kunde,2025-01-01\n',
    );
    fs.writeFileSync(
      path.join(dir, 'purchases.csv'),
      [
        'external_id,customer_ref,purchased_at,amount_minor,currency,kind,product_code,quantity,description',
        'CP-1,CLI-1,2025-11-01T10:00:00Z,1999,EUR,sale,,1,',
        'CP-2,CLI-2,2025-11-02T10:00:00Z,2500,USD,service,,,',
        'CP-3,CLI-9,2025-11-03T10:00:00Z,100,EUR,parts,,,',
      ].join('\n'),
    );
    const res = await stammkunde(dir, 'import', 'customers', 'customers.csv');
    expect(res.stdout).toContain('created:          2');
    expect(res.code).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits with 2, imports nothing and prints each rejected line with its field', async () => {
    const res = await stammkunde(dir, 'import', 'purchases', 'purchases.csv');
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('line 3: currency: CURRENCY_MISMATCH');
    expect(res.stdout).toContain('line 4: customer_ref: no customer');
    expect(res.stdout).toContain('nothing was imported');
    expect(res.stdout).toContain('created:          0');
  });

  it('with --skip-invalid imports the good rows, exits 0 and writes every rejected row to --rejects', async () => {
    const res = await stammkunde(
      dir,
      'import',
      'purchases',
      'purchases.csv',
      '--skip-invalid',
      '--rejects',
      'rejects.csv',
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('created:          1');
    expect(res.stdout).toContain('rejected:         2');
    // No terminal: no progress bar on stderr.
    expect(res.stderr).toBe('');
    const rejects = fs.readFileSync(path.join(dir, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects[0]).toBe('line,field,reason');
    expect(rejects.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '3,currency',
      '4,customer_ref',
    ]);
  });

  it('imports historic survey answers: rejected lines printed, the good rows once, a second run creates nothing', async () => {
    fs.writeFileSync(
      path.join(dir, 'answers.ndjson'),
      [
        '{"customer_ref":"CLI-1","survey":"sale_csat","score":5,"answered_at":"2025-11-05T10:00:00Z"}',
        '{"customer_ref":"CLI-2","survey":"sale_csat","score":6,"answered_at":"2025-11-06T10:00:00Z"}',
        '{"customer_ref":"CLI-1","survey":"after_sales_csat","score":4,"answered_at":"2025-12-01T10:00:00Z"}',
      ].join('\n'),
    );
    const strict = await stammkunde(dir, 'import', 'survey-answers', 'answers.ndjson');
    expect(strict.code).toBe(2);
    expect(strict.stdout).toContain('line 2: score: must be at most 5');
    expect(strict.stdout).toContain('nothing was imported');
    const first = await stammkunde(dir, 'import', 'survey-answers', 'answers.ndjson', '--skip-invalid');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created:          2');
    const again = await stammkunde(dir, 'import', 'survey-answers', 'answers.ndjson', '--skip-invalid');
    expect(again.stdout).toContain('created:          0');
    expect(again.stdout).toContain('already present:  2');
  }, 120_000);
});
