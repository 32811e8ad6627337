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
