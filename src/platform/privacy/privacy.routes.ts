// GDPR endpoints: export everything about one customer, and erase one customer.
import { doc } from '../http/api-doc.js';
import { privacyExamples } from './privacy.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../context.js';
import { recordAudit } from '../audit/audit.service.js';
import { ADMINS } from '../http/auth-hook.js';
import { checkpointWal } from '../db/checkpoint.js';
import type { PrivacyRegistry } from './privacy.registry.js';

export const privacyRoutes =
  (registry: PrivacyRegistry): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/customers/:id/export',
      {
        config: { roles: ADMINS },
        schema: {
          ...doc({
            id: 'exportCustomerData',
            summary: 'Export everything about a customer (GDPR)',
            description:
              'Every record of the customer from every domain, as one JSON download; the export is audited.',
            file: 'application/json',
            ...privacyExamples.exportCustomerData,
          }),
          tags: ['privacy'],
          params: z.object({ id: z.string() }),
        },
      },
      async (req, reply) => {
        const ctx = req.ctx();
        const data = await registry.exportCustomer(ctx, req.params.id);
        await recordAudit(ctx, {
          entityType: 'customer',
          entityId: req.params.id,
          customerId: req.params.id,
          action: 'gdpr_export',
        });
        reply.header('content-disposition', `attachment; filename="customer-${req.params.id}.json"`);
        return { customerId: req.params.id, exportedAt: ctx.clock.now().toISOString(), data };
      },
    );
    app.post(
      '/customers/:id/erase',
      {
        config: { roles: ADMINS },
        schema: {
          ...doc({
            id: 'eraseCustomer',
            summary: 'Erase a customer (GDPR)',
            description:
              "Erases the customer's personal data in every domain in one transaction (figures stay, without the person), deletes their mails' copies in the mail sink, removes their texts from the full-text index and, on SQLite, empties the write-ahead log, so the erased data are in no file and no later backup; audited. Cannot be undone.",
            noContent: true,
          }),
          tags: ['privacy'],
          params: z.object({ id: z.string() }),
        },
      },
      async (req, reply) => {
        await inTransaction(req.ctx(), async (tx) => {
          await registry.eraseCustomer(tx, req.params.id);
          await recordAudit(tx, {
            entityType: 'customer',
            entityId: req.params.id,
            customerId: req.params.id,
            action: 'gdpr_erase',
          });
        });
        // The erased rows' old versions leave SQLite's write-ahead log (secure_delete zeroes them in the file).
        if (!(await checkpointWal(req.ctx())))
          req.log.warn('erasure: a reader kept the WAL busy; the next checkpoint empties it');
        return reply.code(204).send();
      },
    );
  };
