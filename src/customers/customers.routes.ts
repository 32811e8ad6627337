// HTTP routes of the customers domain and of the customer import.
import { doc } from '../platform/http/api-doc.js';
import { customersExamples } from './customers.examples.js';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditForCustomer } from '../platform/audit/audit.service.js';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { readerLanguage } from '../platform/http/reader-language.js';
import { withAuditLabels } from '../platform/i18n/audit-labels.js';
import { importQuery, importReportSchema } from '../platform/import/import.schema.js';
import { acceptUploads, reportOrReject, uploadedFile } from '../platform/import/import.upload.js';
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
      schema: {
        ...doc({
          id: 'listCustomers',
          summary: 'List customers',
          description:
            'Customers in pages, filtered by a search text (`q`), tier, owner, tag, language or status.',
          ...customersExamples.listCustomers,
        }),
        tags,
        querystring: listCustomersQuery,
        response: { 200: pageOf(customerSchema) },
      },
    },
    async (req) => customers.listCustomers(req.ctx(), req.query),
  );
  app.post(
    '/customers',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'createCustomer',
          summary: 'Create a customer',
          description:
            'Creates a customer; the number is generated when none is given. The tier is derived from tenure and 12-month revenue. Audited.',
          errors: ['DUPLICATE'],
          ...customersExamples.createCustomer,
        }),
        tags,
        body: createCustomerSchema,
        response: { 201: customerSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await customers.createCustomer(req.ctx(), req.body)),
  );
  app.get(
    '/customers/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getCustomer',
          summary: 'Read one customer',
          description: 'One customer with tier, tenure, 12-month revenue and status.',
          ...customersExamples.getCustomer,
        }),
        tags,
        params: idParams,
        response: { 200: customerSchema },
      },
    },
    async (req) => customers.getCustomer(req.ctx(), req.params.id),
  );
  app.patch(
    '/customers/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'updateCustomer',
          summary: 'Change a customer',
          description: 'Changes the fields sent; the audit log records each changed field before and after.',
          errors: ['DUPLICATE', 'CUSTOMER_ERASED'],
          ...customersExamples.updateCustomer,
        }),
        tags,
        params: idParams,
        body: updateCustomerSchema,
        response: { 200: customerSchema },
      },
    },
    async (req) => customers.updateCustomer(req.ctx(), req.params.id, req.body),
  );
  app.put(
    '/customers/:id/tier',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'pinCustomerTier',
          summary: "Pin a customer's tier",
          description:
            'Fixes the tier by hand with a reason (e.g. a framework contract) instead of deriving it; audited.',
          errors: ['CUSTOMER_ERASED'],
          ...customersExamples.pinCustomerTier,
        }),
        tags,
        params: idParams,
        body: pinTierSchema,
        response: { 200: customerSchema },
      },
    },
    async (req) => pinTier(req.ctx(), req.params.id, req.body.tier, req.body.reason),
  );
  app.get(
    '/customers/:id/consents',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listCustomerConsents',
          summary: "List a customer's consents",
          description:
            'The consent history per channel and purpose, newest first; surveys and mailings check it before contacting.',
          ...customersExamples.listCustomerConsents,
        }),
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(consentSchema) }) },
      },
    },
    async (req) => ({
      items: await listConsents(req.ctx(), req.params.id),
    }),
  );
  app.post(
    '/customers/:id/consents',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'recordCustomerConsent',
          summary: 'Record a consent or its withdrawal',
          description:
            'Records that the customer gave or withdrew consent for a channel and purpose, with its source; audited.',
          errors: ['CUSTOMER_ERASED'],
          ...customersExamples.recordCustomerConsent,
        }),
        tags,
        params: idParams,
        body: recordConsentSchema,
        response: { 201: consentSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await recordConsent(req.ctx(), req.params.id, req.body)),
  );
  app.get(
    '/customers/:id/audit',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listCustomerAudit',
          summary: "Read a customer's audit trail",
          description:
            "Every recorded change to the customer and their records, with actor, time and changed fields, worded in the reader's language.",
          ...customersExamples.listCustomerAudit,
        }),
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
      schema: {
        ...doc({
          id: 'getTierRules',
          summary: 'Read the tier rules',
          description: 'The tiers with the tenure and 12-month revenue each needs.',
          ...customersExamples.getTierRules,
        }),
        tags: ['settings'],
        response: { 200: tierSettingsSchema },
      },
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
        ...doc({
          id: 'updateTierRules',
          summary: 'Change the tier rules',
          description:
            'Replaces the tier rules; unpinned customers get their tier from the new rules. Audited.',
          ...customersExamples.updateTierRules,
        }),
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
          ...doc({
            id: 'importCustomers',
            summary: 'Import customers from CSV or JSON',
            description:
              'Reads the uploaded file (CSV, JSON array or NDJSON; `?format=` or the content type) as a stream and creates or updates customers by number or external reference. Without `skipInvalid` nothing is written when any row is invalid (422 with every rejected row and its line); with it, valid rows are written and the rejected ones reported.',
            errors: ['IMPORT_REJECTED'],
            ...customersExamples.importCustomers,
          }),
          tags: ['imports'],
          querystring: importQuery,
          response: { 200: importReportSchema('customers') },
        },
      },
      async (req) => {
        const { file, format } = uploadedFile(req, req.query.format);
        return reportOrReject(
          await importCustomers(req.ctx(), { file, format, skipInvalid: req.query.skipInvalid }),
        );
      },
    );
  });
};
