// HTTP routes of purchases and of the purchase import.
import { doc } from '../platform/http/api-doc.js';
import { purchasesExamples } from './purchases.examples.js';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../platform/http/field-schemas.js';
import { getCustomer } from '../customers/customers.service.js';
import { ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { importQuery, importReportSchema } from '../platform/import/import.schema.js';
import { acceptUploads, reportOrReject, uploadedFile } from '../platform/import/import.upload.js';
import { importPurchases } from './purchases.import.js';
import { createPurchaseSchema, listPurchasesQuery, purchaseSchema } from './purchases.schema.js';
import * as purchases from './purchases.service.js';

const idParams = z.object({ id: z.string() });

export const purchasesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['purchases'];
  app.post(
    '/purchases',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'recordPurchase',
          summary: 'Record a purchase',
          description:
            "Records a purchase in the company currency. With an `externalRef` already recorded it answers the existing purchase (200). Updates the customer's 12-month revenue and tier and emits `purchase.recorded` (sale survey). Audited.",
          errors: ['CURRENCY_MISMATCH', 'CUSTOMER_ERASED'],
          ...purchasesExamples.recordPurchase,
        }),
        tags,
        body: createPurchaseSchema,
        response: { 200: purchaseSchema, 201: purchaseSchema },
      },
    },
    async (req, reply) => {
      const { purchase, created } = await purchases.recordPurchase(req.ctx(), req.body);
      return reply.code(created ? 201 : 200).send(purchase);
    },
  );
  app.get(
    '/purchases',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listPurchases',
          summary: 'List purchases',
          description: 'Purchases in pages, filtered by customer, kind or time.',
          ...purchasesExamples.listPurchases,
        }),
        tags,
        querystring: listPurchasesQuery,
        response: { 200: pageOf(purchaseSchema) },
      },
    },
    async (req) => purchases.listPurchases(req.ctx(), req.query),
  );
  app.get(
    '/purchases/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getPurchase',
          summary: 'Read one purchase',
          description: 'One purchase.',
          ...purchasesExamples.getPurchase,
        }),
        tags,
        params: idParams,
        response: { 200: purchaseSchema },
      },
    },
    async (req) => purchases.getPurchase(req.ctx(), req.params.id),
  );
  app.get(
    '/customers/:id/purchases',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listCustomerPurchases',
          summary: "List a customer's purchases",
          description: "The customer's purchases in pages, newest first.",
          ...purchasesExamples.listCustomerPurchases,
        }),
        tags,
        params: idParams,
        querystring: z.object(pageQuery),
        response: { 200: pageOf(purchaseSchema) },
      },
    },
    async (req) => {
      await getCustomer(req.ctx(), req.params.id);
      return purchases.listPurchases(req.ctx(), { ...req.query, customerId: req.params.id });
    },
  );

  await app.register(async (scope) => {
    acceptUploads(scope);
    const s = scope.withTypeProvider<ZodTypeProvider>();
    const importTags = ['imports'];
    s.post(
      '/imports/purchases',
      {
        config: { roles: MANAGERS },
        schema: {
          ...doc({
            id: 'importPurchases',
            summary: 'Import purchases from CSV or JSON',
            description:
              'Reads the uploaded file (CSV, JSON array or NDJSON) as a stream and writes purchases in bulk, matching customers by number or external reference; a purchase whose `externalRef` exists is skipped. Without `skipInvalid` nothing is written when any row is invalid (422 with every rejected row and its line). Bulk imports emit no `purchase.recorded` (no surveys).',
            errors: ['IMPORT_REJECTED'],
            ...purchasesExamples.importPurchases,
          }),
          tags: importTags,
          querystring: importQuery,
          response: { 200: importReportSchema('purchases') },
        },
      },
      async (req) => {
        const { file, format } = uploadedFile(req, req.query.format);
        return reportOrReject(
          await importPurchases(req.ctx(), { file, format, skipInvalid: req.query.skipInvalid }),
        );
      },
    );
  });
};
