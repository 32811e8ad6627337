import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { churnFileCommands } from './churn.cli.js';
import { fixturePath } from '../churn/models/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'churn-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the BTYD CDNOW summary in lifetimes column names (times in weeks). */
function cdnowFiles(): { rfm: string; spend: string } {
  const lines = readFileSync(fixturePath('cdnowSummary_cbs.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const cells = lines.map((l) => l.split(',').map((v) => v.replace(/"/g, '')));
  const rfm = join(dir, 'cdnow.csv');
  const spend = join(dir, 'spend.csv');
  writeFileSync(
    rfm,
    ['id,frequency,recency,T', ...cells.map((c) => `${c[0]},${c[1]},${c[2]},${c[3]}`)].join('\n'),
  );
  writeFileSync(
    spend,
    ['id,frequency,monetary_value', ...cells.map((c) => `${c[0]},${c[1]},${c[5]}`)].join('\n'),
  );
  return { rfm, spend };
}

async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const io = { out: '', err: '', code: 0 };
  const program = new Command('stammkunde').exitOverride();
  const churn = program.command('churn');
  churnFileCommands(churn, {
    out: (t) => {
      io.out += t;
    },
    err: (t) => {
      io.err += t;
    },
    exit: (c) => {
      io.code = c;
    },
  });
  await program.parseAsync(['churn', ...args], { from: 'user' });
  return io;
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const { rfm, spend } = cdnowFiles();

describe('churn fit', () => {
  it('--json prints exactly one object with the BG/NBD parameter names and the CDNOW optimum', async () => {
    const r = await run('fit', '--model', 'bgnbd', '--input', rfm, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([
      'model',
      'params',
      'standardErrors',
      'logLikelihood',
      'converged',
      'iterations',
    ]);
    expect(Object.keys(json.params)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(json.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(json.converged).toBe(true);
  });

  it('prints a readable table with estimates, standard errors and convergence', async () => {
    const r = await run('fit', '--model', 'pnbd', '--input', rfm);
    expect(r.out).toMatch(/parameter\s+estimate\s+std\. error/);
    expect(r.out).toMatch(/^beta\s+\d/m);
    expect(r.out).toMatch(/log-likelihood\s+-9594\.9/);
    expect(r.out).toMatch(/converged\s+yes/);
  });

  it('fits Gamma-Gamma on id,frequency,monetary_value with parameter names p, q, gamma', async () => {
    const json = JSON.parse((await run('fit', '--model', 'gg', '--input', spend, '--json')).out);
    expect(Object.keys(json.params)).toEqual(['p', 'q', 'gamma']);
    expect(json.params.p).toBeCloseTo(6.25, 2);
  });

  it('fits BG/BB on frequency,recency,periods,weights', async () => {
    const json = JSON.parse(
      (await run('fit', '--model', 'bgbb', '--input', fixturePath('donations.csv'), '--json')).out,
    );
    expect(Object.keys(json.params)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(json.logLikelihood).toBeCloseTo(-33225.58, 1);
  });
});

describe('churn score', () => {
  it('writes id,p_alive,expected_purchases for every customer from a whole fit output', async () => {
    const fit = file('fit.json', (await run('fit', '--model', 'bgnbd', '--input', rfm, '--json')).out);
    const r = await run('score', '--model', 'bgnbd', '--params', fit, '--input', rfm, '--horizon', '39');
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('id,p_alive,expected_purchases');
    expect(lines.length).toBe(2358);
    const [id, pAlive, expected] = lines[1].split(',');
    expect(id).toBe('1');
    expect(Number(pAlive)).toBeGreaterThan(0);
    // Customer 1 is x=2, t_x=30.43, T=38.86: the published 39-week expectation is 1.226.
    expect(Number(expected)).toBeCloseTo(1.226, 2);
  });

  it('accepts a bare params object and adds clv when spend and gg parameters are given', async () => {
    const params = file('p.json', JSON.stringify({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }));
    const gg = file('gg.json', JSON.stringify({ p: 6.25, q: 3.74, gamma: 15.44 }));
    const noDiscount = await run(
      'score',
      '--model',
      'bgnbd',
      '--params',
      params,
      '--input',
      rfm,
      '--horizon',
      '39',
      '--spend',
      spend,
      '--gg-params',
      gg,
    );
    const discounted = await run(
      'score',
      '--model',
      'bgnbd',
      '--params',
      params,
      '--input',
      rfm,
      '--horizon',
      '39',
      '--spend',
      spend,
      '--gg-params',
      gg,
      '--discount-rate',
      '0.01',
    );
    const row = (out: string) => out.trim().split('\n')[1].split(',').map(Number);
    expect(noDiscount.out.split('\n')[0]).toBe('id,p_alive,expected_purchases,clv');
    const [, , expected, clv] = row(noDiscount.out);
    // Without discounting CLV is expected purchases × expected spend p(γ + m x)/(p x + q − 1) with x=2, m=22.345.
    expect(clv).toBeCloseTo((expected * 6.25 * (15.44 + 2 * 22.345)) / (6.25 * 2 + 3.74 - 1), 4);
    expect(row(discounted.out)[3]).toBeLessThan(clv);
  });

  it('quotes ids with commas and neutralises ids a spreadsheet would run as a formula', async () => {
    const params = file('p-ids.json', JSON.stringify({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }));
    const input = file('ids.csv', 'id,frequency,recency,T\n"Müller, Anna",2,30,38\n=1+1,0,0,38\n');
    const r = await run('score', '--model', 'bgnbd', '--params', params, '--input', input, '--horizon', '39');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[1]).toMatch(/^"Müller, Anna",0\.\d+,\d/);
    expect(lines[2]).toMatch(/^'=1\+1,/);
  });
});

describe('churn input errors', () => {
  const cases: [string, string, RegExp][] = [
    ['missing column', 'id,frequency,T\n1,2,3\n', /line 1, column 'recency': missing column/],
    [
      'non-numeric value',
      'id,frequency,recency,T\n1,2,abc,30\n',
      /line 2, column 'recency': 'abc' is not a number/,
    ],
    ['negative value', 'id,frequency,recency,T\n1,-1,0,30\n', /line 2, column 'frequency': -1 is negative/],
    [
      'recency greater than T',
      'id,frequency,recency,T\n1,2,3,30\n2,1,31,30\n',
      /line 3, column 'recency': recency 31 is greater than T 30/,
    ],
    [
      'frequency 0 with recency > 0',
      'id,frequency,recency,T\n1,0,4,30\n',
      /line 2, column 'recency': recency 4 with frequency 0/,
    ],
  ];
  for (const [what, text, message] of cases) {
    it(`${what} is reported with line and column and exit code 2`, async () => {
      const r = await run('fit', '--model', 'bgnbd', '--input', file(`${what}.csv`, text));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    });
  }

  it('an unknown model is rejected with exit code 2', async () => {
    const r = await run('fit', '--model', 'nbd', '--input', rfm);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--model must be one of bgnbd, mbgnbd, pnbd, bgbb, gg/);
  });

  it('a parameter file missing a parameter names the parameter', async () => {
    const r = await run(
      'score',
      '--model',
      'pnbd',
      '--params',
      file('bad.json', '{"r":1,"alpha":2,"s":1}'),
      '--input',
      rfm,
      '--horizon',
      '10',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/parameter 'beta' of pnbd must be a positive number/);
  });

  it('the real entry point exits with code 2 and prints no stack trace', () => {
    const main = fileURLToPath(new URL('./churn.cli.main.ts', import.meta.url));
    const bad = file('bad-entry.csv', 'id,frequency,recency,T\n1,x,0,3\n');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', main, 'churn', 'fit', '--model', 'bgnbd', '--input', bad],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 2, column 'frequency'/);
    expect(r.stderr).not.toMatch(/\bat .*\(/);
  });
});
