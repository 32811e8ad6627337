// Runtime configuration from the environment, validated once at start-up.
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  SQLITE_PATH: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Stammkunde <service@stammkunde.local>'),
  PUBLIC_URL: z.string().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  WORKER: z.enum(['on', 'off']).default('on'),
  TIER_THRESHOLDS: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  sqlitePath: string;
  smtpUrl?: string;
  mailFrom: string;
  mailSinkDir: string;
  publicUrl: string;
  logLevel: string;
  production: boolean;
  worker: boolean;
};

/** Reads the environment into a Config; throws naming the variable when one is invalid. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir,
    sqlitePath: e.SQLITE_PATH ? path.resolve(e.SQLITE_PATH) : path.join(dataDir, 'stammkunde.db'),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    mailSinkDir: path.join(dataDir, 'mail'),
    publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    worker: e.WORKER === 'on',
    ...overrides,
  };
}
