// CLI commands of the platform: serve, migrate, user add, backup and restore.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Command, Option } from 'commander';
import { createApp } from '../app.js';
import { createUser } from '../platform/auth/users.service.js';
import { loadConfig } from '../platform/config.js';
import { holdServerLock, runningServer } from '../platform/db/server-lock.js';
import { fail, withApp } from './context.js';

/** Starts the HTTP server and the job worker until SIGINT/SIGTERM. */
export async function serve(options: { port?: number } = {}): Promise<void> {
  const config = loadConfig(process.env, options.port ? { port: options.port } : {});
  let release = () => {};
  if (!config.databaseUrl) {
    try {
      release = holdServerLock(config.sqlitePath);
    } catch (err) {
      fail((err as Error).message);
    }
  }
  const app = await createApp({ config });
  const address = await app.server.listen({ port: config.port, host: config.host });
  const db = config.databaseUrl ? 'PostgreSQL' : config.sqlitePath;
  process.stdout.write(
    `Stammkunde is running on ${address.replace('127.0.0.1', 'localhost')} (database: ${db})\n`,
  );
  if (!app.webDist)
    process.stdout.write(
      'The web app is not built (web/dist/index.html is missing): serving the API only. Run `npm run build` for the web app.\n',
    );
  const stop = async () => {
    await app.close();
    release();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function platformCommands(program: Command): void {
  program
    .command('serve')
    .description('start the web app, the API and the background worker')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)', (v) => Number.parseInt(v, 10))
    .action(async (o) => serve({ port: o.port }));

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      await withApp(async () => undefined);
      process.stdout.write('database is up to date\n');
    });

  const user = program.command('user').description('manage staff users');
  user
    .command('add')
    .description('create a staff user (the first admin, for example)')
    .requiredOption('--email <email>', 'login e-mail')
    .requiredOption('--name <name>', 'full name shown to customers')
    .addOption(new Option('--role <role>', 'role').choices(['agent', 'manager', 'admin']).default('agent'))
    .addOption(new Option('--locale <locale>', 'language of the UI').choices(['de', 'en']).default('de'))
    .option('--password <password>', 'password (or set STAMMKUNDE_PASSWORD)')
    .action(async (o) => {
      const password = o.password ?? process.env.STAMMKUNDE_PASSWORD;
      if (!password) fail('--password or STAMMKUNDE_PASSWORD is required');
      const created = await withApp((app) =>
        createUser(app.ctx, { email: o.email, name: o.name, role: o.role, locale: o.locale, password }),
      );
      process.stdout.write(`created ${created.role} ${created.email} (${created.id})\n`);
    });

  program
    .command('backup <file>')
    .description('online backup of the SQLite database to a file (safe while the server runs)')
    .action(async (file: string) => {
      const config = loadConfig();
      if (config.databaseUrl) fail('backup is for the embedded SQLite database; use pg_dump for PostgreSQL');
      if (!fs.existsSync(config.sqlitePath)) fail(`no database at ${config.sqlitePath}`);
      const db = new SQLite(config.sqlitePath, { readonly: true });
      try {
        await db.backup(path.resolve(file));
      } finally {
        db.close();
      }
      process.stdout.write(`backed up ${config.sqlitePath} to ${path.resolve(file)}\n`);
    });

  program
    .command('restore <file>')
    .description('replace the SQLite database with a backup (stop the server first)')
    .action(async (file: string) => {
      const config = loadConfig();
      if (config.databaseUrl)
        fail('restore is for the embedded SQLite database; use pg_restore for PostgreSQL');
      if (!fs.existsSync(file)) fail(`no backup at ${file}`);
      const server = runningServer(config.sqlitePath);
      if (server !== null)
        fail(`the server (pid ${server}) is running on ${config.sqlitePath}; stop it first, then restore`);
      const source = new SQLite(path.resolve(file), { readonly: true, fileMustExist: true });
      try {
        const ok = source
          .prepare("select name from sqlite_master where type='table' and name='kysely_migration'")
          .get();
        if (!ok) fail(`${file} is not a Stammkunde database`);
        fs.mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
        for (const ext of ['-wal', '-shm']) fs.rmSync(config.sqlitePath + ext, { force: true });
        await source.backup(config.sqlitePath);
      } finally {
        source.close();
      }
      process.stdout.write(`restored ${path.resolve(file)} to ${config.sqlitePath}\n`);
    });
}
