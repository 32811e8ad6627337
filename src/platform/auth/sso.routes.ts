// Single sign-on: what the login page offers (public), the two browser steps of the OpenID Connect
// code flow (public; they answer redirects, never JSON), and the admins' settings.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { doc } from '../http/api-doc.js';
import { ADMINS, SESSION_COOKIE } from '../http/auth-hook.js';
import { ssoExamples } from './sso.examples.js';
import {
  checkSsoProvider,
  completeSsoLogin,
  forgetSsoProvider,
  ssoLoginOption,
  startSsoLogin,
} from './sso.service.js';
import {
  getSsoSettingsView,
  ssoLoginOptionSchema,
  ssoSettingsViewSchema,
  updateSsoSettings,
  updateSsoSettingsSchema,
} from './sso.settings.js';

/** The browser's half of a started login (its hash is stored with state, nonce and verifier). */
const SSO_COOKIE = 'sk_sso';
const SSO_COOKIE_PATH = '/api/v1/auth/sso';
/** Where a refused or failed login lands: the web app's login page names the reason. */
const loginPageWith = (code: string) => `/login?ssoError=${encodeURIComponent(code)}`;

/** A path of this app to return to after login; anything else (another site, `//host`) is `/`. */
const returnToSchema = z
  .string()
  .max(500)
  .optional()
  .transform((v) => (v && /^\/(?![/\\])[^\s]*$/.test(v) ? v : '/'))
  .describe('A path of the web app to open after the login (default /)');

export const ssoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/auth/sso',
    {
      config: { roles: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        ...doc({
          id: 'getSsoLoginOption',
          summary: 'Read whether single sign-on is offered',
          description:
            'For the login page: whether single sign-on is set up, the provider name for its button ("Sign in with …") and the URL that starts it.',
          ...ssoExamples.getSsoLoginOption,
        }),
        tags: ['auth'],
        response: { 200: ssoLoginOptionSchema },
      },
    },
    async (req) => ssoLoginOption(req.server.baseCtx()),
  );

  app.get(
    '/auth/sso/login',
    {
      config: { roles: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        ...doc({
          id: 'startSsoLogin',
          summary: 'Start a single sign-on',
          description:
            "A browser step: redirects to the identity provider's authorization endpoint (OpenID Connect code flow with PKCE, state and nonce) and sets a short-lived cookie that ties the callback to this browser. When single sign-on is not set up or the provider cannot be reached, it redirects to `/login?ssoError=<code>` instead.",
          redirect: "The provider's login, or the login page with `ssoError`",
        }),
        tags: ['auth'],
        querystring: z.object({ returnTo: returnToSchema }),
      },
    },
    async (req, reply) => {
      try {
        const s = await startSsoLogin(req.server.baseCtx(), req.query.returnTo);
        reply.setCookie(SSO_COOKIE, s.browserToken, {
          path: SSO_COOKIE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: req.protocol === 'https',
          maxAge: s.maxAgeSeconds,
        });
        return reply.redirect(s.url, 302);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'SSO_NOT_CONFIGURED' || code === 'SSO_PROVIDER_UNAVAILABLE')
          return reply.redirect(loginPageWith(code), 302);
        throw err;
      }
    },
  );

  app.get(
    '/auth/sso/callback',
    {
      config: { roles: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        ...doc({
          id: 'completeSsoLogin',
          summary: 'Complete a single sign-on',
          description:
            "The redirect URI registered at the provider. Checks state, PKCE and the ID token, finds the user (stored provider identity, else verified e-mail), creates them if the just-in-time rule allows, applies the role the claim maps to (audited; a change ends the user's other sessions and tokens), then sets the `sk_session` cookie like the password login and redirects to the web app. A refusal (no mapped role, deactivated, no account, a tampered or expired login) redirects to `/login?ssoError=<code>` (`SSO_NO_ROLE`, `SSO_USER_INACTIVE`, `SSO_NO_ACCOUNT`, `SSO_FAILED`, …) and is audited, like every login.",
          redirect: 'The web app (signed in), or the login page with `ssoError`',
        }),
        tags: ['auth'],
        querystring: z
          .object({
            code: z.string().optional(),
            state: z.string().optional(),
            iss: z.string().optional(),
            error: z.string().optional(),
            error_description: z.string().optional(),
          })
          .catchall(z.string()),
      },
    },
    async (req, reply) => {
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      const outcome = await completeSsoLogin(req.server.baseCtx(), req.cookies[SSO_COOKIE], query);
      reply.clearCookie(SSO_COOKIE, { path: SSO_COOKIE_PATH });
      if (!outcome.ok) return reply.redirect(loginPageWith(outcome.code), 302);
      reply.setCookie(SESSION_COOKIE, outcome.session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: outcome.session.maxAgeSeconds,
      });
      return reply.redirect(outcome.returnTo, 302);
    },
  );

  app.get(
    '/settings/sso',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'getSsoSettings',
          summary: 'Read the single sign-on settings',
          description:
            'The OpenID provider, the role claim and its mapping, the just-in-time rule, whether a client secret is set (never the secret) and the redirect URI to register at the provider.',
          ...ssoExamples.getSsoSettings,
        }),
        tags: ['settings'],
        response: { 200: ssoSettingsViewSchema },
      },
    },
    async (req) => getSsoSettingsView(req.ctx()),
  );

  app.put(
    '/settings/sso',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateSsoSettings',
          summary: 'Change the single sign-on settings',
          description:
            'Changes the given fields (the rest stays). `clientSecret` is write-only: a new secret, null removes it, absent keeps it (OIDC_CLIENT_SECRET, when set, wins). Turning single sign-on on needs a display name, issuer, client id, secret and at least one role mapping, and checks that the issuer answers OpenID discovery. Audited (the secret without its value).',
          ...ssoExamples.updateSsoSettings,
        }),
        tags: ['settings'],
        body: updateSsoSettingsSchema,
        response: { 200: ssoSettingsViewSchema },
      },
    },
    async (req) => {
      const ctx = req.ctx();
      try {
        return await updateSsoSettings(ctx, req.body, (next, secret) => checkSsoProvider(ctx, next, secret));
      } finally {
        forgetSsoProvider(ctx);
      }
    },
  );
};
