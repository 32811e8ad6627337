// Who is calling, and may they: every route declares `config.roles` (or 'public'); default none.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../context.js';
import { AppError } from '../errors.js';
import { authenticateSession, authenticateToken, type Authenticated } from '../auth/users.service.js';

export const SESSION_COOKIE = 'sk_session';
/** The header a session-authenticated write must carry (the csrfToken from login or /auth/me). */
export const CSRF_HEADER = 'X-CSRF-Token';
/** Methods that change nothing: no CSRF token needed. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on this route; 'public' for routes without login. Missing means nobody. */
    roles?: Role[] | 'public';
  }
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

async function authenticate(app: FastifyInstance, req: FastifyRequest): Promise<Authenticated | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return authenticateToken(app.baseCtx(), header.slice(7).trim());
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie) return authenticateSession(app.baseCtx(), cookie);
  return null;
}

/** Installs the authentication and role check that runs before every handler. */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    const roles = req.routeOptions.config?.roles;
    if (roles === 'public') return;
    if (!req.routeOptions.url) return; // 404s fall through to the not-found handler
    req.auth = await authenticate(app, req);
    if (!req.auth) throw new AppError('UNAUTHENTICATED');
    if (!roles?.includes(req.auth.actor.role))
      throw new AppError(
        'FORBIDDEN',
        `Role ${req.auth.actor.role} may not ${req.method} ${req.routeOptions.url}`,
      );
    if (req.auth.via === 'session' && !SAFE_METHODS.has(req.method)) {
      if (req.headers[CSRF_HEADER.toLowerCase()] !== req.auth.csrfToken)
        throw new AppError('CSRF_TOKEN_INVALID');
    }
  });
}

export const ALL_STAFF: Role[] = ['agent', 'manager', 'admin'];
export const MANAGERS: Role[] = ['manager', 'admin'];
export const ADMINS: Role[] = ['admin'];
