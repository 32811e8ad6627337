// The status of asynchronous imports (started with `Prefer: respond-async` on POST /imports/<entity>).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { doc } from '../http/api-doc.js';
import { MANAGERS } from '../http/auth-hook.js';
import { importStatusSchema } from './import.schema.js';
import { getImportStatus } from './import-runs.service.js';

const IMPORT_ID = 'imp_01jnq40c2m8e5f7h9k3n6p4r2t';

/** A purchase import that skipped one bad row (OpenAPI example). */
const importStatusExample = {
  id: IMPORT_ID,
  entity: 'purchases',
  format: 'csv',
  skipInvalid: true,
  status: 'done',
  createdAt: '2026-03-02T09:00:00.000Z',
  startedAt: '2026-03-02T09:00:01.000Z',
  finishedAt: '2026-03-02T09:03:12.000Z',
  progress: { phase: null, rowsProcessed: 1_250_000, bytesRead: 98_304_000, totalBytes: 98_304_000 },
  report: {
    entity: 'purchases',
    format: 'csv',
    skipInvalid: true,
    imported: true,
    rowsRead: 1_250_000,
    created: 1_249_999,
    alreadyPresent: 0,
    rejected: 1,
    rejectedRows: [
      { line: 7, field: 'currency', reason: 'CURRENCY_MISMATCH: must be the company currency EUR, not USD' },
    ],
    rejectedRowsTruncated: false,
  },
  error: null,
};

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/imports/:id',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'getImport',
          summary: 'Read an asynchronous import: state, progress and report',
          description:
            'The status URL of an import sent with `Prefer: respond-async`: its state (queued, running, done, ' +
            'failed), the phase and rows processed so far, and when it ends the report the synchronous import ' +
            'answers (done: imported; failed: `error` says why, IMPORT_REJECTED with the report of the rejected ' +
            'rows). Managers see the imports they started, admins all.',
          response: importStatusExample,
        }),
        tags: ['imports'],
        params: z.object({ id: z.string() }),
        response: { 200: importStatusSchema },
      },
    },
    async (req) => getImportStatus(req.ctx(), req.params.id),
  );
};
