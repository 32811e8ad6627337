// API contract shared by every import endpoint: the query (format, skipInvalid) and the report.
import { z } from 'zod';

export const importFormatSchema = z.enum(['csv', 'json']);
export type ImportFormat = z.infer<typeof importFormatSchema>;

export const importQuery = z.object({
  format: importFormatSchema.optional().describe('default: from the content type (text/csv or JSON/NDJSON)'),
  skipInvalid: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe(
      'import the good rows and report the bad ones; without it a file with a bad row imports nothing',
    ),
});

export const rejectedRowSchema = z.object({ line: z.number().int(), field: z.string(), reason: z.string() });
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

/** The report of an import of `entity` (the domain names it: purchases, customers, contracts, …). */
export function importReportSchema<E extends string>(entity: E) {
  return z.object({
    entity: z.literal(entity),
    format: importFormatSchema,
    skipInvalid: z.boolean(),
    imported: z.boolean().describe('false when rows were rejected without skipInvalid: nothing was written'),
    rowsRead: z.number().int(),
    created: z.number().int(),
    alreadyPresent: z.number().int().describe('rows whose external id exists already (left unchanged)'),
    rejected: z.number().int().describe('rows rejected; every one is counted'),
    rejectedRows: z.array(rejectedRowSchema).describe('the first rejected rows, one entry per bad field'),
    rejectedRowsTruncated: z.boolean(),
  });
}
export type ImportReport<E extends string = string> = z.infer<ReturnType<typeof importReportSchema<E>>>;

/** The answer to an import sent with `Prefer: respond-async`: its id and status URL (also `Location`). */
export const importQueuedSchema = z.object({
  id: z.string().describe('the import id'),
  status: z.literal('queued'),
  statusUrl: z.string().describe('GET it for state, progress and, when finished, the report'),
});
export type ImportQueued = z.infer<typeof importQueuedSchema>;

export const importStatusValues = ['queued', 'running', 'done', 'failed'] as const;

/** An asynchronous import's status: `done` imported (skipped rows in the report); `failed` wrote nothing usable. */
export const importStatusSchema = z.object({
  id: z.string(),
  entity: z.string(),
  format: importFormatSchema,
  skipInvalid: z.boolean(),
  status: z
    .enum(importStatusValues)
    .describe('done: imported (with skipInvalid, bad rows skipped); failed: see error (and report)'),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.object({
    phase: z
      .string()
      .nullable()
      .describe(
        '`validate`: the checking pass (without skipInvalid); `import`: the writing pass; null when not running',
      ),
    rowsProcessed: z.number().int().describe('rows read so far in this phase'),
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
  }),
  report: importReportSchema('entity')
    .extend({ entity: z.string() })
    .nullable()
    .describe('the report the synchronous import answers'),
  error: z
    .object({
      code: z.string(),
      detail: z.string(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    })
    .nullable()
    .describe('why it failed: the problem the synchronous import answers (IMPORT_REJECTED: rows rejected)'),
});
export type ImportStatus = z.infer<typeof importStatusSchema>;
