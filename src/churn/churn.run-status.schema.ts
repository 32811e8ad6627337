// API contract of a scoring run as a long operation: the answer to queuing one (its id and status URL)
// and its status (queued, running, done, failed) with progress, the run's report when done and the
// error when failed.
import { z } from 'zod';
import { phaseSchema, runSchema } from './churn.schema.js';

export const runStatusValues = ['queued', 'running', 'done', 'failed'] as const;

export const runQueuedSchema = z.object({
  id: z.string().describe('the run id'),
  status: z.literal('queued'),
  statusUrl: z.string().describe('GET it for status, progress and the result (also the Location header)'),
  job: z.object({ key: z.string(), type: z.string() }).describe('the queued job (kept for older clients)'),
});
export type RunQueued = z.infer<typeof runQueuedSchema>;

const statusFields = {
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  heartbeatAt: z.string().nullable().describe('a running run renews it; a stale one is taken over'),
  progress: z.object({
    phase: z.string().nullable().describe('the phase running now (null when queued or finished)'),
    customers: z.number().int().nullable().describe('customers to score, known after the purchase summary'),
    customersScored: z.number().int(),
    phasesDone: z.array(phaseSchema),
  }),
  error: z
    .object({ code: z.string(), message: z.string() })
    .nullable()
    .describe('why the run failed (code from the error catalogue)'),
};

/** A run's status; a done run carries its whole report (the fields of GET /churn/runs items). */
export const runStatusSchema = z.union([
  runSchema.extend({ status: z.literal('done'), ...statusFields }),
  z.object({ id: z.string(), status: z.enum(['queued', 'running', 'failed']), ...statusFields }),
]);
export type RunStatus = z.infer<typeof runStatusSchema>;
