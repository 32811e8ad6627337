// API contract of tasks: the to-do list every domain writes into.
import { z } from 'zod';
import { isoDateTime, pageQuery } from '../platform/http/field-schemas.js';
import { storedTextSchema } from '../platform/i18n/stored-text.js';

export const taskPrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export const taskStatusSchema = z.enum(['open', 'in_progress', 'done', 'cancelled']);
export type TaskPriority = z.infer<typeof taskPrioritySchema>;
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const taskSchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  caseId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  title: z.string().describe("worded in the reader's language (Accept-Language, else the user's)"),
  titleKey: z
    .string()
    .nullable()
    .describe('the text key of a title the system wrote; null for a staff-written title'),
  description: z.string().nullable(),
  dueAt: z.string().nullable(),
  priority: taskPrioritySchema,
  status: taskStatusSchema,
  source: z.string(),
  sourceRef: z.string().nullable(),
  dedupeKey: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  outcome: z.string().nullable(),
  overdue: z.boolean().describe('dueAt has passed and the task is open or in progress'),
});
export type Task = z.infer<typeof taskSchema>;

const taskFields = {
  customerId: z.string().min(1).max(100).nullable(),
  caseId: z.string().min(1).max(100).nullable(),
  assigneeId: z.string().min(1).max(100).nullable(),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000).nullable(),
  dueAt: isoDateTime.nullable(),
  priority: taskPrioritySchema,
  source: z.string().trim().min(1).max(50),
  sourceRef: z.string().max(200).nullable(),
  dedupeKey: z.string().min(1).max(300).nullable(),
};

const createTaskFields = z.object({
  customerId: taskFields.customerId.optional(),
  caseId: taskFields.caseId.optional(),
  assigneeId: taskFields.assigneeId.optional().describe("omitted: the customer's owner; null: unassigned"),
  title: taskFields.title
    .optional()
    .describe('a staff-written title; for a system-made task only the fallback when titleText is missing'),
  titleText: storedTextSchema
    .optional()
    .describe('the title as text key + parameters, worded for each reader; the customer as { customer: id }'),
  description: taskFields.description.optional(),
  descriptionText: storedTextSchema.optional(),
  dueAt: taskFields.dueAt.optional(),
  priority: taskFields.priority.default('normal'),
  source: taskFields.source,
  sourceRef: taskFields.sourceRef.optional(),
  dedupeKey: taskFields.dedupeKey.optional(),
  overdueNotice: z
    .enum(['tasks', 'creator'])
    .default('tasks')
    .describe(
      "who mails the assignee when the task is overdue: this domain, or the creating domain ('creator')",
    ),
});

/**
 * What a domain passes to createTask (service level; source is the creating domain's choice). A
 * system-made task passes `titleText` (key + parameters); `title` alone is the older way, still
 * accepted (call sites not converted yet) and stored as written.
 */
export const createTaskInputSchema = createTaskFields.refine((d) => d.title !== undefined || d.titleText, {
  path: ['title'],
  message: 'title or titleText is required',
});
export type CreateTaskInput = z.input<typeof createTaskInputSchema>;

/** POST /tasks: a manual task written by staff (source is always 'manual'). */
export const createTaskBodySchema = createTaskFields
  .omit({
    titleText: true,
    descriptionText: true,
    source: true,
    sourceRef: true,
    dedupeKey: true,
    overdueNotice: true,
  })
  .extend({ title: taskFields.title });

export const updateTaskSchema = z
  .object({
    assigneeId: taskFields.assigneeId,
    dueAt: taskFields.dueAt,
    priority: taskFields.priority,
    status: taskStatusSchema,
    title: taskFields.title,
    description: taskFields.description,
  })
  .partial();
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;

export const completeTaskSchema = z.object({ outcome: z.string().max(10_000).nullable().optional() });

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listTasksQuery = z.object({
  ...pageQuery,
  assigneeId: z.string().optional(),
  mine: booleanQuery.optional().describe('true: only tasks assigned to the caller'),
  customerId: z.string().optional(),
  caseId: z.string().optional(),
  status: z
    .enum(['open', 'in_progress', 'done', 'cancelled', 'active'])
    .optional()
    .describe('active = open or in progress'),
  source: z.string().optional(),
  overdue: booleanQuery.optional(),
});

export type ListTasksFilter = {
  assigneeId?: string;
  customerId?: string;
  caseId?: string;
  status?: TaskStatus | 'active';
  source?: string;
  overdue?: boolean;
  limit?: number;
  cursor?: string;
};
