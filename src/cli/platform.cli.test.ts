// The platform CLI commands as an operator types them: user add, backup, restore.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
// The sources through tsx, as `npm run stammkunde` runs them (.ci/run proves the compiled bin).
const bin = ['--import', 'tsx', path.resolve('src/cli/main.ts')];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-cli-'));
const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', SMTP_URL: '' };
const cli = (...args: string[]) => run(process.execPath, [...bin, ...args], { env });

describe.skipIf(!!process.env.DATABASE_URL)('platform CLI on the embedded database', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the first admin, backs the database up online and restores it', async () => {
    const added = await cli(
      'user',
      'add',
      '--email',
      'first@example.de',
      '--name',
      'First Admin',
      '--role',
      'admin',
      '--password',
      'long-enough-password',
    );
    expect(added.stdout).toContain('created admin first@example.de');
    const backup = path.join(dir, 'backup.db');
    await cli('backup', backup);
    const copy = new SQLite(backup, { readonly: true });
    expect(copy.prepare('select email, role from users').all()).toEqual([
      { email: 'first@example.de', role: 'admin' },
    ]);
    copy.close();

    await cli(
      'user',
      'add',
      '--email',
      'second@example.de',
      '--name',
      'Second',
      '--role',
      'agent',
      '--password',
      'long-enough-password',
    );
    await cli('restore', backup);
    const db = new SQLite(path.join(dir, 'stammkunde.db'), { readonly: true });
    expect(db.prepare('select email from users order by email').all()).toEqual([
      { email: 'first@example.de' },
    ]);
    db.close();
  }, 120_000);

  it('refuses a user without a password and exits with code 2', async () => {
    const err = await cli('user', 'add', '--email', 'x@example.de', '--name', 'X').catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('--password');
  }, 30_000);

  it('refuses to restore a file that is not a Stammkunde database', async () => {
    const other = path.join(dir, 'other.db');
    new SQLite(other).exec('create table t (x)');
    const err = await cli('restore', other).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('not a Stammkunde database');
  }, 30_000);

  it('refuses to restore while the server runs on the database, and restores once it stopped', async () => {
    const backup = path.join(dir, 'before-serve.db');
    await cli('backup', backup);
    const server = spawn(process.execPath, [...bin, 'serve', '--port', '0'], {
      env: { ...env, WORKER: 'off' },
    });
    const lock = path.join(dir, 'stammkunde.db.server.pid');
    for (let i = 0; i < 100 && !fs.existsSync(lock); i++) await new Promise((r) => setTimeout(r, 100));
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(server.pid));
    const err = await cli('restore', backup).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('stop it first');
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    expect(fs.existsSync(lock)).toBe(false);
    const ok = await cli('restore', backup);
    expect(ok.stdout).toContain('restored');
  }, 120_000);
});
