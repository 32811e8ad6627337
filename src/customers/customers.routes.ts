// HTTP routes of the customers domain and of the customer import.
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditForCustomer } from '../platform/audit/audit.service.js';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { readerLanguage } from '../platform/http/reader-language.js';
import { withAuditLabels } from '../platform/i18n/audit-labels.js';
import { importQuery, importQueuedSchema, importReportSchema } from '../platform/import/import.schema.js';
import { ASYNC_IMPORT_NOTE, answerImport } from '../platform/import/import.respond.js';
import { acceptUploads } from '../platform/import/import.upload.js';
import { listConsents, recordConsent } from './customer-consents.service.js';
import { getTierRules, pinTier, setTierRules } from './customer-tiers.service.js';
import { importCustomers } from './customers.import.js';
import {
  consentSchema,
  createCustomerSchema,
  customerAuditEntrySchema,
  customerSchema,
  listCustomersQuery,
  pinTierSchema,
  recordConsentSchema,
  tierSettingsSchema,
  updateCustomerSchema,
} from './customers.schema.js';
import * as customers from './customers.service.js';

const idParams = z.object({ id: z.string() });

export const customersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['customers'];
  app.get(
    '/customers',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: listCustomersQuery, response: { 200: pageOf(customerSchema) } },
    },
    async (req) => customers.listCustomers(req.ctx(), req.query),
  );
  app.post(
    '/customers',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, body: createCustomerSchema, response: { 201: customerSchema } },
    },
    async (req, reply) => reply.code(201).send(await customers.createCustomer(req.ctx(), req.body)),
  );
  app.get(
    '/customers/:id',
    { config: { roles: ALL_STAFF }, schema: { tags, params: idParams, response: { 200: customerSchema } } },
    async (req) => customers.getCustomer(req.ctx(), req.params.id),
  );
  app.patch(
    '/customers/:id',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, params: idParams, body: updateCustomerSchema, response: { 200: customerSchema } },
    },
    async (req) => customers.updateCustomer(req.ctx(), req.params.id, req.body),
  );
  app.put(
    '/customers/:id/tier',
    {
      config: { roles: MANAGERS },
      schema: { tags, params: idParams, body: pinTierSchema, response: { 200: customerSchema } },
    },
    async (req) => pinTier(req.ctx(), req.params.id, req.body.tier, req.body.reason),
  );
  app.get(
    '/customers/:id/consents',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(consentSchema) }) } },
    },
    async (req) => ({
      items: await listConsents(req.ctx(), req.params.id),
    }),
  );
  app.post(
    '/customers/:id/consents',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, params: idParams, body: recordConsentSchema, response: { 201: consentSchema } },
    },
    async (req, reply) => reply.code(201).send(await recordConsent(req.ctx(), req.params.id, req.body)),
  );
  app.get(
    '/customers/:id/audit',
    {
      config: { roles: ALL_STAFF },
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(customerAuditEntrySchema) }) },
      },
    },
    async (req) => {
      await customers.getCustomer(req.ctx(), req.params.id);
      return {
        items: withAuditLabels(await listAuditForCustomer(req.ctx(), req.params.id), readerLanguage(req)),
      };
    },
  );
  app.get(
    '/settings/tiers',
    {
      config: { roles: ALL_STAFF },
      schema: { tags: ['settings'], response: { 200: tierSettingsSchema } },
    },
    async (req) => ({
      rules: await getTierRules(req.ctx()),
    }),
  );
  app.put(
    '/settings/tiers',
    {
      config: { roles: ADMINS },
      schema: {
        tags: ['settings'],
        body: tierSettingsSchema,
        response: { 200: tierSettingsSchema },
      },
    },
    async (req) => ({
      rules: await setTierRules(req.ctx(), req.body.rules),
    }),
  );

  await app.register(async (scope) => {
    acceptUploads(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/imports/customers',
      {
        config: { roles: MANAGERS },
        schema: {
          tags: ['imports'],
          description: ASYNC_IMPORT_NOTE,
          querystring: importQuery,
          response: { 200: importReportSchema('customers'), 202: importQueuedSchema },
        },
      },
      async (req, reply) => answerImport(req, reply, 'customers', importCustomers, req.query),
    );
  });
};
