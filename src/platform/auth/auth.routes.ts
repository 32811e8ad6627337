// Login, logout, the current user, users and teams (admin), and personal API tokens.
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
      schema: { tags: ['auth'], body: loginSchema, response: { 200: sessionSchema } },
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
    { config: { roles: ALL_STAFF }, schema: { tags: ['auth'] } },
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
      schema: { tags: ['auth'], response: { 200: z.object({ items: z.array(apiTokenSchema) }) } },
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
    { config: { roles: ALL_STAFF }, schema: { tags: ['auth'], params: idParams } },
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
      schema: { tags: ['users'], params: idParams, response: { 200: userSchema } },
    },
    async (req) => users.getUser(req.ctx(), req.params.id),
  );

  app.post(
    '/users',
    {
      config: { roles: ADMINS },
      schema: { tags: ['users'], body: createUserSchema, response: { 201: userSchema } },
    },
    async (req, reply) => reply.code(201).send(await users.createUser(req.ctx(), req.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { roles: ADMINS },
      schema: { tags: ['users'], params: idParams, body: updateUserSchema, response: { 200: userSchema } },
    },
    async (req) => users.updateUser(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/users/:id/tokens',
    {
      config: { roles: ADMINS },
      schema: {
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
      schema: { tags: ['users'], params: z.object({ id: z.string(), tokenId: z.string() }) },
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
      schema: { tags: ['users'], response: { 200: z.object({ items: z.array(teamSchema) }) } },
    },
    async (req) => ({
      items: await users.listTeams(req.ctx()),
    }),
  );

  app.post(
    '/teams',
    {
      config: { roles: ADMINS },
      schema: { tags: ['users'], body: createTeamSchema, response: { 201: teamSchema } },
    },
    async (req, reply) =>
      reply.code(201).send(await users.createTeam(req.ctx(), req.body.name, req.body.parentId ?? null)),
  );
};
