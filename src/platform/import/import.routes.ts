// The status of asynchronous imports (started with `Prefer: respond-async` on POST /imports/<entity>).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MANAGERS } from '../http/auth-hook.js';
import { importStatusSchema } from './import.schema.js';
import { getImportStatus } from './import-runs.service.js';

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/imports/:id',
    {
      config: { roles: MANAGERS },
      schema: {
        tags: ['imports'],
        summary: 'An asynchronous import: state, progress and report',
        description:
          'The status URL of an import sent with `Prefer: respond-async`: its state (queued, running, done, ' +
          'failed), the phase and rows processed so far, and when it ends the report the synchronous import ' +
          'answers (done: imported; failed: `error` says why, IMPORT_REJECTED with the report of the rejected ' +
          'rows). Managers see the imports they started, admins all.',
        params: z.object({ id: z.string() }),
        response: { 200: importStatusSchema },
      },
    },
    async (req) => getImportStatus(req.ctx(), req.params.id),
  );
};
