// The app: the list of domain modules, wired to one database, one job worker and one HTTP server.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type Clock, systemClock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { type Ctx, systemActor } from './platform/context.js';
import { type DatabaseHandle, openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { buildServer } from './platform/http/server.js';
import { jobStats } from './platform/jobs/jobs.service.js';
import { JobRegistry, Worker } from './platform/jobs/worker.js';
import { createMailTransport, type MailTransport, registerMailJobs } from './platform/mail/mail.service.js';
import { Metrics } from './platform/metrics/metrics.js';
import { customersModule } from './customers/customers.module.js';
import { purchasesModule } from './purchases/purchases.module.js';
import { productsModule } from './products/products.module.js';
import { tasksModule } from './tasks/tasks.module.js';
import { touchpointsModule } from './touchpoints/touchpoints.module.js';
import { surveysModule } from './surveys/surveys.module.js';
import { casesModule } from './cases/cases.module.js';
import { caseExtrasModule } from './cases/case-extras.module.js';
import { casePublicModule } from './cases/case-public.module.js';
import { retentionModule } from './retention/retention.module.js';
import { churnModule } from './churn/churn.module.js';
import { webhooksModule } from './webhooks/webhooks.module.js';
import type { DomainModule } from './platform/module.js';
import { platformModule } from './platform/platform.module.js';
import { housekeepingModule } from './platform/jobs/housekeeping.module.js';
import { PrivacyRegistry } from './platform/privacy/privacy.registry.js';
import { privacyRoutes } from './platform/privacy/privacy.routes.js';

/** Every domain, in dependency order (a module may use the services of those before it). */
export const domainModules: DomainModule[] = [
  platformModule,
  housekeepingModule,
  customersModule,
  tasksModule,
  touchpointsModule,
  casesModule,
  caseExtrasModule,
  casePublicModule,
  purchasesModule,
  productsModule,
  surveysModule,
  churnModule,
  retentionModule,
  webhooksModule,
];

export type App = {
  config: Config;
  handle: DatabaseHandle;
  ctx: Ctx;
  server: FastifyInstance;
  worker: Worker;
  registry: JobRegistry;
  privacy: PrivacyRegistry;
  metrics: Metrics;
  /** The built web app's directory, or null when it is not built (the server then serves the API only). */
  webDist: string | null;
  close(): Promise<void>;
};

export type AppOptions = {
  config: Config;
  clock?: Clock;
  pgSchema?: string;
  mailTransport?: MailTransport;
  /** Start the background worker (default: config.worker). Tests drain the queue by hand. */
  startWorker?: boolean;
  /** Where log lines go (default stdout). */
  logStream?: NodeJS.WritableStream;
};

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

async function freeDiskBytes(dir: string): Promise<number | null> {
  try {
    const s = await fs.promises.statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** Opens the database, migrates it, seeds defaults, and builds server and worker. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  let log: FastifyBaseLogger | undefined;
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    pgSchema: options.pgSchema,
    onConnectionError: (err) =>
      log?.warn({ err }, 'database connection lost; the pool reconnects on next use'),
  });
  await migrateToLatest(handle.db, options.pgSchema);
  const ctx: Ctx = {
    db: handle.db,
    dialect: handle.dialect,
    actor: systemActor(),
    clock: options.clock ?? systemClock,
    config,
  };

  const registry = new JobRegistry();
  const privacy = new PrivacyRegistry();
  const metrics = new Metrics(ctx);
  const transport = options.mailTransport ?? createMailTransport(config);
  registerMailJobs(registry, transport);
  for (const m of domainModules) {
    m.registerJobs?.(registry);
    if (m.privacy) privacy.register(m.privacy);
    m.registerMetrics?.(metrics);
    await m.seed?.(ctx);
  }

  const modules: DomainModule[] = [...domainModules, { name: 'privacy', routes: privacyRoutes(privacy) }];
  const server = await buildServer({
    baseCtx: ctx,
    modules,
    logLevel: config.logLevel,
    logStream: options.logStream,
    metrics,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    https: config.publicUrl.startsWith('https://'),
    webDist,
    ready: async () => {
      // The embedded database, its WAL and the mail sink live in the data directory: nearly full
      // means writes are about to fail, so the instance is not ready.
      const disk = await freeDiskBytes(config.dataDir);
      if (disk !== null && disk < config.minFreeDiskMiB * 1_048_576)
        throw new Error(`only ${Math.round(disk / 1_048_576)} MiB free in ${config.dataDir}`);
      return {
        jobs: await jobStats(ctx),
        ...(disk !== null ? { freeDiskMiB: Math.round(disk / 1_048_576) } : {}),
      };
    },
  });
  log = server.log;
  const worker = new Worker(ctx, registry, server.log);
  if (options.startWorker ?? config.worker) worker.start();

  return {
    config,
    handle,
    ctx,
    server,
    worker,
    registry,
    privacy,
    metrics,
    webDist: fs.existsSync(path.join(webDist, 'index.html')) ? webDist : null,
    async close() {
      await worker.stop();
      await server.close();
      transport.close();
      await handle.close();
    },
  };
}
