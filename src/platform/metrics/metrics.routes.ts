// /metrics (Prometheus text format) behind `Authorization: Bearer $METRICS_TOKEN`; without the
// setting the route does not exist (404). Every answer is timed into the HTTP histogram by route
// pattern, never by concrete path, so ids do not multiply the series.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { QUIET_ROUTE } from '../http/logging.js';
import type { Metrics } from './metrics.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The `route` label of the HTTP histogram when not the route's URL pattern (static files). */
    metricsRoute?: string;
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function installMetrics(app: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration.observe(
      {
        method: req.method,
        route: req.routeOptions.config?.metricsRoute ?? req.routeOptions.url ?? '(unmatched)',
        status_class: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });
  if (token) metrics.collectProcessMetrics();
  // Without a token the route still exists, so it answers 404 and not the web app's shell.
  app.get(
    '/metrics',
    { ...QUIET_ROUTE, config: { roles: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      if (!token) throw new AppError('NOT_FOUND', 'No route GET /metrics (set METRICS_TOKEN to enable it)');
      if (!bearerMatches(req.headers.authorization, token))
        throw new AppError(
          'UNAUTHENTICATED',
          'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"',
        );
      const body = await metrics.text();
      return reply.type(metrics.contentType).send(body);
    },
  );
}
