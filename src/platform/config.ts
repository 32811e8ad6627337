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
  MIN_FREE_DISK_MB: z.coerce.number().int().min(0).default(64),
  // Bearer token of GET /metrics; without it /metrics does not exist (404).
  METRICS_TOKEN: z
    .string()
    .optional()
    .refine((v) => !v || v.length >= 16, 'use at least 16 characters (e.g. `openssl rand -hex 32`)'),
  // The OpenID Connect client secret of single sign-on; when set it is used instead of one stored
  // through the settings API, so the secret can stay out of the database and its backups.
  OIDC_CLIENT_SECRET: z.string().optional(),
  // Which proxies may set X-Forwarded-For: off (default), a hop count, or addresses/CIDRs such as
  // "127.0.0.1,10.0.0.0/8". Trusting every client would let anyone pick their address and walk
  // around the rate limits.
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine((v) => v !== 'true', 'name the proxy addresses or a hop count; "true" would trust every client'),
  // Webhook targets: private, loopback, link-local and unique-local addresses are refused unless
  // this is true (tests, benchmarks, an intranet receiver); plain http only with WEBHOOKS_ALLOW_HTTP
  // (or the admin's webhook setting).
  WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  WEBHOOKS_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
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
  /** Below this much free space (MiB) in the data directory /readyz answers 503. */
  minFreeDiskMiB: number;
  /** Fastify's trustProxy: false, a hop count, or a comma-separated list of addresses/CIDRs. */
  trustProxy: boolean | number | string;
  /** Bearer token of /metrics; undefined: no /metrics route. */
  metricsToken?: string;
  /** Single sign-on's client secret from the environment (wins over the stored one). */
  oidcClientSecret?: string;
  /** Webhooks may target private, loopback, link-local and unique-local addresses. */
  webhooksAllowPrivate: boolean;
  /** Webhooks may target plain http:// URLs (the admin's webhook setting can allow it too). */
  webhooksAllowHttp: boolean;
};

function parseTrustProxy(value: string): boolean | number | string {
  const v = value.trim();
  if (v === '' || v === 'false' || v === 'off') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

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
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    minFreeDiskMiB: e.MIN_FREE_DISK_MB,
    metricsToken: e.METRICS_TOKEN || undefined,
    oidcClientSecret: e.OIDC_CLIENT_SECRET || undefined,
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE === 'true',
    webhooksAllowHttp: e.WEBHOOKS_ALLOW_HTTP === 'true',
    ...overrides,
  };
}
