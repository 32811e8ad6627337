// What a domain contributes to the app: routes, jobs, privacy coverage. src/app.ts lists them.
import type { FastifyPluginAsync } from 'fastify';
import type { Ctx } from './context.js';
import type { JobRegistry } from './jobs/worker.js';
import type { ApiTag } from './http/api-doc.js';
import type { Metrics } from './metrics/metrics.js';
import type { PrivacyModule } from './privacy/privacy.registry.js';

export type DomainModule = {
  name: string;
  /** Mounted under /api/v1. */
  routes?: FastifyPluginAsync;
  /** The OpenAPI tags its routes use, each with a short introduction (the document's `tags`). */
  apiTags?: ApiTag[];
  /** Mounted at the root (public pages such as /s/<token>). */
  publicRoutes?: FastifyPluginAsync;
  registerJobs?: (registry: JobRegistry) => void;
  privacy?: PrivacyModule;
  /** Registers gauges read through the domain's services when /metrics is scraped. */
  registerMetrics?: (metrics: Metrics) => void;
  /** Runs once after migrations (seed catalogues and defaults; must be idempotent). */
  seed?: (ctx: Ctx) => Promise<void>;
};
