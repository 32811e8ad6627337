// Builds the Fastify server: Zod schemas, OpenAPI, cookies, auth, problem+json, static web app.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { installMetrics } from '../metrics/metrics.routes.js';
import type { DomainModule } from '../module.js';
import { installAuth } from './auth-hook.js';
import { installIdempotency } from './idempotency.js';
import { installInputLimits } from './input-limits.js';
import { loggerOptions, QUIET_ROUTE } from './logging.js';
import { openapiOptions } from './openapi.js';
import { errorHandler, sendProblem, toProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** A context acting as the system, for hooks and health checks. */
    baseCtx(): Ctx;
    /** Every route with the roles it allows; the security test walks it. */
    routeTable: Array<{ method: string; url: string; roles: unknown }>;
  }
  interface FastifyRequest {
    /** The service context acting as the authenticated user (or the public customer). */
    ctx(): Ctx;
  }
}

export type ServerOptions = {
  baseCtx: Ctx;
  modules: DomainModule[];
  logLevel: string;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream;
  /** The app's metrics; /metrics answers only with a token (METRICS_TOKEN). */
  metrics?: Metrics;
  metricsToken?: string;
  /** The app is reached over https (PUBLIC_URL): send HSTS. */
  https?: boolean;
  /** Which proxies may set X-Forwarded-For (see config TRUST_PROXY); default none. */
  trustProxy?: boolean | number | string;
  webDist?: string;
  ready?: () => Promise<Record<string, unknown>>;
};

/** A hop count becomes "trust the nearest n proxies"; addresses and false go to Fastify as they are. */
function trustProxyOption(value: boolean | number | string | undefined) {
  if (typeof value === 'number') return (_address: string, hop: number) => hop < value;
  return value ?? false;
}

/** The Fastify server with every plugin, hook and route of the app, in the order they must be installed. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = createFastify(options);
  decorateContexts(app, options.baseCtx);
  await installSecurityHeaders(app, options.https ?? false);
  await app.register(cookie);
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  await installApiDocs(app, options.modules);
  installRouteTable(app);
  installAuth(app);
  installIdempotency(app);
  if (options.metrics) installMetrics(app, options.metrics, options.metricsToken);
  installHealthRoutes(app, options.ready);
  for (const m of options.modules) {
    if (m.routes) await app.register(m.routes, { prefix: '/api/v1' });
    if (m.publicRoutes) await app.register(m.publicRoutes);
  }
  const webDist = await installWebApp(app, options.webDist);
  installNotFound(app, webDist);
  return app;
}

/** Fastify with Zod validation and serialisation and the problem+json error handler. */
function createFastify(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(options.logLevel, options.logStream),
    trustProxy: trustProxyOption(options.trustProxy),
    bodyLimit: 20 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array' } },
    // A malformed URL (bad percent-encoding, an overlong path id) is answered before routing: as problem+json too.
    frameworkErrors: errorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  installInputLimits(app);
  return app;
}

/** app.baseCtx() acts as the system; req.ctx() acts as the authenticated user or the public customer. */
function decorateContexts(app: FastifyInstance, baseCtx: Ctx): void {
  app.decorate('baseCtx', () => baseCtx);
  app.decorateRequest('ctx', function (this: FastifyRequest) {
    const actor = this.auth?.actor ?? { kind: 'customer' as const, id: null, name: 'customer (public link)' };
    return { ...baseCtx, actor };
  });
}

/**
 * Security headers on every answer (web app, public pages, API docs): a CSP that allows only our
 * own scripts, no framing (clickjacking), no MIME sniffing. Routes with stricter needs (survey
 * pages, attachment downloads) set their own CSP over this one.
 */
async function installSecurityHeaders(app: FastifyInstance, https: boolean): Promise<void> {
  await app.register(helmet, {
    // HSTS only where the app is reached over https (PUBLIC_URL); over plain http it means nothing.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and Swagger UI set style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
}

/** The OpenAPI document of every route registered after this (openapi.ts), and Swagger UI at /api/docs. */
async function installApiDocs(app: FastifyInstance, modules: DomainModule[]): Promise<void> {
  await app.register(swagger, openapiOptions(modules.flatMap((m) => m.apiTags ?? [])));
  await app.register(async (scope) => {
    // The API documentation is readable by anyone.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), roles: 'public' };
    });
    await scope.register(swaggerUi, { routePrefix: '/api/docs' });
  });
}

/** Records every route registered from here on with the roles it allows (app.routeTable). */
function installRouteTable(app: FastifyInstance): void {
  const routeTable: Array<{ method: string; url: string; roles: unknown }> = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, roles: route.config?.roles });
    }
  });
}

/** /healthz (the process answers) and /readyz (its dependencies answer too; 503 when not). */
function installHealthRoutes(app: FastifyInstance, ready: ServerOptions['ready']): void {
  app.get('/healthz', { ...QUIET_ROUTE, config: { roles: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { ...QUIET_ROUTE, config: { roles: 'public' }, schema: { hide: true } },
    async (_req, reply) => {
      try {
        const extra = ready ? await ready() : {};
        return { status: 'ready', ...extra };
      } catch (err) {
        return reply.code(503).send({ status: 'not ready', error: (err as Error).message });
      }
    },
  );
}

/** Serves the built web app when `webDist` holds one; returns its folder, or undefined when there is none. */
async function installWebApp(app: FastifyInstance, webDist: string | undefined): Promise<string | undefined> {
  if (!webDist || !fs.existsSync(path.join(webDist, 'index.html'))) return undefined;
  await app.register(async (scope) => {
    // The built web app is public; the API it calls is not.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), roles: 'public', metricsRoute: '(static)' };
    });
    await scope.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside every text asset; send the one the browser accepts.
      preCompressed: true,
      // Vite names every file under assets/ by its content hash: cache those for a year without
      // asking again; index.html (and the rest) is revalidated on every load, so a deploy shows at once.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        // The body depends on Accept-Encoding (precompressed files): caches in between must know.
        res.setHeader('vary', 'accept-encoding');
      },
    });
  });
  return webDist;
}

/** Unknown paths: the web app shell for client-side routes (when served), problem+json otherwise. */
function installNotFound(app: FastifyInstance, webDist: string | undefined): void {
  let indexHtml: string | undefined;
  app.setNotFoundHandler((req, reply) => {
    if (webDist && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.includes('.')) {
      // Client-side routes (a reload of /inbox, a shared link) get the app shell.
      indexHtml ??= fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    return sendProblem(
      reply,
      toProblem(new AppError('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`)),
    );
  });
}
