// `stammkunde openapi`: writes the OpenAPI document (what /api/docs/json serves) to a file or stdout.
// `npm run openapi` refreshes the checked-in docs/openapi.json; CI fails when it is stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../app.js';
import { loadConfig } from '../platform/config.js';

/**
 * The document as JSON text (2-space indent, trailing newline). Built on a throw-away SQLite database
 * (the routes, not the data, make the document), so it is the same on every machine and every run.
 */
export async function openapiJson(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-openapi-'));
  try {
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      WORKER: 'off',
    });
    const app = await createApp({ config, startWorker: false });
    try {
      await app.server.ready();
      return `${JSON.stringify(app.server.swagger(), null, 2)}\n`;
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function openapiCommands(program: Command): void {
  program
    .command('openapi')
    .description('write the OpenAPI document of the HTTP API (default: to stdout)')
    .option('-o, --out <file>', 'write to this file (docs/openapi.json in the repository)')
    .action(async (o: { out?: string }) => {
      const json = await openapiJson();
      if (!o.out) return void process.stdout.write(json);
      fs.writeFileSync(path.resolve(o.out), json);
      process.stdout.write(`wrote ${path.resolve(o.out)}\n`);
    });
}
