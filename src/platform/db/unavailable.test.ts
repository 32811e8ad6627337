import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { toProblem } from '../http/problem.js';
import { isDatabaseUnavailable } from './unavailable.js';

async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('database unavailable', () => {
  it('recognises a refused PostgreSQL connection and answers 503', async () => {
    const client = new pg.Client({
      host: '127.0.0.1',
      port: 1,
      user: 'x',
      database: 'x',
      connectionTimeoutMillis: 2000,
    });
    const err = await errorOf(() => client.connect());
    expect(isDatabaseUnavailable(err)).toBe(true);
    const p = toProblem(err);
    expect(p.status).toBe(503);
    expect(p.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('recognises a locked SQLite database', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sk-busy-')), 'db.sqlite');
    const a = new SQLite(file);
    a.exec('create table t (x)');
    a.exec('begin exclusive');
    const b = new SQLite(file, { timeout: 0 });
    const err = await errorOf(() => b.prepare('insert into t values (1)').run());
    a.exec('rollback');
    a.close();
    b.close();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('leaves programming errors and constraint violations as 500 or their own code', async () => {
    const db = new SQLite(':memory:');
    db.exec('create table t (x unique)');
    db.prepare('insert into t values (1)').run();
    const unique = await errorOf(() => db.prepare('insert into t values (1)').run());
    const syntax = await errorOf(() => db.prepare('selec 1').run());
    expect(isDatabaseUnavailable(unique)).toBe(false);
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(toProblem(syntax).status).toBe(500);
  });
});
