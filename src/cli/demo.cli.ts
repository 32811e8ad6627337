// `stammkunde demo`: generate and load the demo company, then (with --serve) start the server.
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.js';
import { demoPassword, generateDemoCompany } from '../demo/demo.generate.js';
import { demoLoaded, loadDemoCompany } from '../demo/demo.load.js';
import { withApp } from './context.js';
import { serve } from './platform.cli.js';

export function demoCommands(program: Command): void {
  program
    .command('demo')
    .description('load a generated demo company (a car dealership) into the database')
    .option('--seed <n>', 'random seed (same seed, same company)', (v) => Number.parseInt(v, 10), 42)
    .option('--customers <n>', 'number of customers', (v) => Number.parseInt(v, 10), 5000)
    .option('--reset', 'delete the SQLite database first')
    .option('--serve', 'start the server afterwards')
    .action(async (o) => {
      const config = loadConfig();
      if (o.reset && !config.databaseUrl) {
        for (const ext of ['', '-wal', '-shm']) fs.rmSync(config.sqlitePath + ext, { force: true });
      }
      await withApp(async (app) => {
        if (await demoLoaded(app.ctx)) {
          process.stdout.write('demo data is already loaded (use --reset to start over)\n');
          return;
        }
        const started = Date.now();
        process.stdout.write(`generating the demo company (seed ${o.seed}, ${o.customers} customers)…\n`);
        const company = generateDemoCompany({
          seed: o.seed,
          customers: o.customers,
          now: app.ctx.clock.now(),
        });
        await loadDemoCompany(app.ctx, company, (line) => process.stdout.write(`  ${line}\n`), {
          sqlite: app.handle.sqlite,
          seed: o.seed,
        });
        process.stdout.write(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      });
      process.stdout.write(
        `\nLog in as admin@autohaus-sonnenberg.de (admin), leitung@autohaus-sonnenberg.de (manager) or\njana.keller@autohaus-sonnenberg.de (agent), password: ${demoPassword}\n\n`,
      );
      if (o.serve) await serve();
    });
}
