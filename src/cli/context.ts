// Opens the app for a CLI command (no HTTP listener, no background worker) and closes it after.
import { type App, createApp } from '../app.js';
import { loadConfig } from '../platform/config.js';

/** Runs fn with an open app; the exit code is 0 unless fn throws. */
export async function withApp<T>(
  fn: (app: App) => Promise<T>,
  options: { worker?: boolean } = {},
): Promise<T> {
  const config = loadConfig(process.env, { logLevel: process.env.LOG_LEVEL ?? 'warn' });
  const app = await createApp({ config, startWorker: options.worker ?? false });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** Prints a one-line error and sets exit code 2 (bad input), without a stack trace. */
export function fail(message: string): never {
  process.stderr.write(`stammkunde: ${message}\n`);
  process.exit(2);
}
