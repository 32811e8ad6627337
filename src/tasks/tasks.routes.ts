// HTTP routes of the tasks domain.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { readerLanguage } from '../platform/http/reader-language.js';
import {
  completeTaskSchema,
  createTaskBodySchema,
  listTasksQuery,
  taskSchema,
  updateTaskSchema,
} from './tasks.schema.js';
import * as tasks from './tasks.service.js';

const idParams = z.object({ id: z.string() });

export const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['tasks'];
  app.get(
    '/tasks',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: listTasksQuery, response: { 200: pageOf(taskSchema) } },
    },
    async (req) => {
      const { mine, assigneeId, ...rest } = req.query;
      const ctx = req.ctx();
      return tasks.listTasks(
        ctx,
        { ...rest, assigneeId: mine ? (ctx.actor.id ?? undefined) : assigneeId },
        readerLanguage(req),
      );
    },
  );
  app.get(
    '/tasks/:id',
    { config: { roles: ALL_STAFF }, schema: { tags, params: idParams, response: { 200: taskSchema } } },
    async (req) => tasks.getTask(req.ctx(), req.params.id, readerLanguage(req)),
  );
  app.post(
    '/tasks',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, body: createTaskBodySchema, response: { 201: taskSchema } },
    },
    async (req, reply) => {
      const { created: _created, ...task } = await tasks.createTask(
        req.ctx(),
        { ...req.body, source: 'manual' },
        readerLanguage(req),
      );
      return reply.code(201).send(task);
    },
  );
  app.patch(
    '/tasks/:id',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, params: idParams, body: updateTaskSchema, response: { 200: taskSchema } },
    },
    async (req) => tasks.updateTask(req.ctx(), req.params.id, req.body, readerLanguage(req)),
  );
  app.post(
    '/tasks/:id/complete',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, params: idParams, body: completeTaskSchema, response: { 200: taskSchema } },
    },
    async (req) => tasks.completeTask(req.ctx(), req.params.id, req.body.outcome, readerLanguage(req)),
  );
};
