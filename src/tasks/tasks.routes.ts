// HTTP routes of the tasks domain.
import { doc } from '../platform/http/api-doc.js';
import { tasksExamples } from './tasks.examples.js';
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
      schema: {
        ...doc({
          id: 'listTasks',
          summary: 'List tasks',
          description:
            "The to-do list in pages, filtered by status, assignee (`mine=true` for your own), customer, case, source or `overdue`. Titles are worded in the reader's language.",
          ...tasksExamples.listTasks,
        }),
        tags,
        querystring: listTasksQuery,
        response: { 200: pageOf(taskSchema) },
      },
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
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getTask',
          summary: 'Read one task',
          description: "One task with its title worded in the reader's language.",
          ...tasksExamples.getTask,
        }),
        tags,
        params: idParams,
        response: { 200: taskSchema },
      },
    },
    async (req) => tasks.getTask(req.ctx(), req.params.id, readerLanguage(req)),
  );
  app.post(
    '/tasks',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'createTask',
          summary: 'Create a task',
          description:
            'Creates a manual task, optionally for a customer and an assignee with a due date. An open task with the same dedupe key is not duplicated. Audited.',
          errors: ['CONFLICT', 'CUSTOMER_ERASED'],
          ...tasksExamples.createTask,
        }),
        tags,
        body: createTaskBodySchema,
        response: { 201: taskSchema },
      },
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
      schema: {
        ...doc({
          id: 'updateTask',
          summary: 'Change a task',
          description: 'Changes assignee, due date, priority or status; audited.',
          errors: ['CONFLICT'],
          ...tasksExamples.updateTask,
        }),
        tags,
        params: idParams,
        body: updateTaskSchema,
        response: { 200: taskSchema },
      },
    },
    async (req) => tasks.updateTask(req.ctx(), req.params.id, req.body, readerLanguage(req)),
  );
  app.post(
    '/tasks/:id/complete',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'completeTask',
          summary: 'Complete a task',
          description: 'Marks the task done with an outcome note; audited.',
          errors: ['CONFLICT'],
          ...tasksExamples.completeTask,
        }),
        tags,
        params: idParams,
        body: completeTaskSchema,
        response: { 200: taskSchema },
      },
    },
    async (req) => tasks.completeTask(req.ctx(), req.params.id, req.body.outcome, readerLanguage(req)),
  );
};
