// Login, logout, the current user, users and teams (admin), and personal API tokens.
import { doc } from '../http/api-doc.js';
import { authExamples } from './auth.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ALL_STAFF, SESSION_COOKIE } from '../http/auth-hook.js';
import {
  apiTokenSchema,
  createTeamSchema,
  createTokenSchema,
  createUserSchema,
  loginSchema,
  meSchema,
  roleSchema,
  sessionSchema,
  teamSchema,
  updateUserSchema,
  userSchema,
} from './auth.schema.js';
import * as users from './users.service.js';

const idParams = z.object({ id: z.string() });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { roles: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        ...doc({
          id: 'createSession',
          summary: 'Log in with e-mail and password',
          description:
            'Checks the password and starts a session: sets the `sk_session` cookie (HttpOnly) and answers the user with the `csrfToken` that every write with the cookie must send in `X-CSRF-Token`. Five failures in a row lock the account for 1, 2, 4 … 60 minutes (audited).',
          errors: ['LOGIN_FAILED', 'LOGIN_LOCKED'],
          ...authExamples.createSession,
        }),
        tags: ['auth'],
        body: loginSchema,
        response: { 200: sessionSchema },
      },
    },
    async (req, reply) => {
      const s = await users.login(req.ctx(), req.body.email, req.body.password);
      reply.setCookie(SESSION_COOKIE, s.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: s.maxAgeSeconds,
      });
      return { user: s.user, csrfToken: s.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'deleteSession',
          summary: 'Log out',
          description: 'Ends the session of the cookie and clears it. API tokens stay valid.',
          noContent: true,
        }),
        tags: ['auth'],
      },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await users.logout(req.ctx(), token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getMe',
          summary: 'Read the signed-in user',
          description:
            "The user behind the cookie or token, with the session's `csrfToken` (null for an API token), so the web app can pick it up again after a reload.",
          ...authExamples.getMe,
        }),
        tags: ['auth'],
        response: { 200: meSchema },
      },
    },
    async (req) => ({
      user: await users.getUser(req.ctx(), req.auth!.actor.id),
      csrfToken: req.auth!.csrfToken,
    }),
  );

  app.get(
    '/auth/tokens',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listMyApiTokens',
          summary: 'List my API tokens',
          description: 'Your own API tokens: name, creation, expiry and last use; never the secret.',
          ...authExamples.listMyApiTokens,
        }),
        tags: ['auth'],
        response: { 200: z.object({ items: z.array(apiTokenSchema) }) },
      },
    },
    async (req) => ({
      items: await users.listApiTokens(req.ctx(), req.auth!.actor.id),
    }),
  );

  app.post(
    '/auth/tokens',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'createApiToken',
          summary: 'Create an API token',
          description:
            'Makes a personal API token acting as you with your role, for integrations. The answer is the only time the secret (`sk_…`) is shown; store it. A password or role change revokes it.',
          ...authExamples.createApiToken,
        }),
        tags: ['auth'],
        body: createTokenSchema,
        response: {
          201: z.object({
            id: z.string(),
            name: z.string(),
            token: z.string(),
            createdAt: z.string(),
            expiresAt: z.string(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await users.createApiToken(req.ctx(), req.auth!.actor.id, req.body.name, req.body.expiresInDays),
        ),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'revokeMyApiToken',
          summary: 'Revoke one of my API tokens',
          description: 'The token stops working at once.',
          noContent: true,
        }),
        tags: ['auth'],
        params: idParams,
      },
    },
    async (req, reply) => {
      await users.revokeApiToken(req.ctx(), req.auth!.actor.id, req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/users',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listUsers',
          summary: 'List staff users',
          description: 'Every staff user, optionally of one role; used for owner and assignee pickers.',
          ...authExamples.listUsers,
        }),
        tags: ['users'],
        querystring: z.object({ role: roleSchema.optional() }),
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async (req) => ({ items: await users.listUsers(req.ctx(), { role: req.query.role }) }),
  );

  app.get(
    '/users/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getUser',
          summary: 'Read one staff user',
          description: 'One staff user with role, team and status.',
          ...authExamples.getUser,
        }),
        tags: ['users'],
        params: idParams,
        response: { 200: userSchema },
      },
    },
    async (req) => users.getUser(req.ctx(), req.params.id),
  );

  app.post(
    '/users',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'createUser',
          summary: 'Create a staff user',
          description:
            'Creates a user with a role, language and initial password (hashed with argon2id); audited.',
          errors: ['DUPLICATE'],
          ...authExamples.createUser,
        }),
        tags: ['users'],
        body: createUserSchema,
        response: { 201: userSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await users.createUser(req.ctx(), req.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateUser',
          summary: 'Change a staff user',
          description:
            "Changes name, role, team, language, password or active flag; audited. A password or role change and a deactivation revoke the user's sessions and API tokens.",
          errors: ['DUPLICATE'],
          ...authExamples.updateUser,
        }),
        tags: ['users'],
        params: idParams,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
    },
    async (req) => users.updateUser(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/users/:id/tokens',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'listUserApiTokens',
          summary: "List a user's API tokens",
          description:
            "An admin's view of another user's API tokens (no secrets), to find and revoke a leaked one.",
          ...authExamples.listUserApiTokens,
        }),
        tags: ['users'],
        params: idParams,
        response: { 200: z.object({ items: z.array(apiTokenSchema) }) },
      },
    },
    async (req) => {
      await users.getUser(req.ctx(), req.params.id);
      return { items: await users.listApiTokens(req.ctx(), req.params.id) };
    },
  );

  app.delete(
    '/users/:id/tokens/:tokenId',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'revokeUserApiToken',
          summary: "Revoke a user's API token",
          description: 'An admin revokes one token of any user; it stops working at once.',
          noContent: true,
        }),
        tags: ['users'],
        params: z.object({ id: z.string(), tokenId: z.string() }),
      },
    },
    async (req, reply) => {
      await users.revokeApiToken(req.ctx(), req.params.id, req.params.tokenId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/teams',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listTeams',
          summary: 'List teams',
          description: 'Teams with their parent team, for routing cases and reports.',
          ...authExamples.listTeams,
        }),
        tags: ['users'],
        response: { 200: z.object({ items: z.array(teamSchema) }) },
      },
    },
    async (req) => ({
      items: await users.listTeams(req.ctx()),
    }),
  );

  app.post(
    '/teams',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'createTeam',
          summary: 'Create a team',
          description: 'Creates a team, optionally under a parent team; audited.',
          errors: ['DUPLICATE'],
          ...authExamples.createTeam,
        }),
        tags: ['users'],
        body: createTeamSchema,
        response: { 201: teamSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await users.createTeam(req.ctx(), req.body.name, req.body.parentId ?? null)),
  );
};
