// HTTP routes of products (new-customer price and its history), contracts and the contract import.
import { doc } from '../platform/http/api-doc.js';
import { productsExamples } from './products.examples.js';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateTime } from '../platform/http/field-schemas.js';
import { getCustomer } from '../customers/customers.service.js';
import { notFound } from '../platform/errors.js';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { importQuery, importReportSchema } from '../platform/import/import.schema.js';
import { acceptUploads, reportOrReject, uploadedFile } from '../platform/import/import.upload.js';
import { importContracts } from './contracts.import.js';
import * as contracts from './contracts.service.js';
import {
  cancelContractSchema,
  contractSchema,
  createContractSchema,
  createProductSchema,
  listContractsQuery,
  listProductsQuery,
  productPriceSchema,
  productSchema,
  setNewCustomerPriceSchema,
  updateContractSchema,
  updateProductSchema,
} from './products.schema.js';
import * as products from './products.service.js';

const idParams = z.object({ id: z.string() });

export const productsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['products'];
  app.get(
    '/products',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listProducts',
          summary: 'List products',
          description: 'Products in pages, filtered by active flag and kind.',
          ...productsExamples.listProducts,
        }),
        tags,
        querystring: listProductsQuery,
        response: { 200: pageOf(productSchema) },
      },
    },
    async (req) => products.listProducts(req.ctx(), req.query),
  );
  app.get(
    '/products/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getProduct',
          summary: 'Read one product',
          description: 'One product with its current new-customer price.',
          ...productsExamples.getProduct,
        }),
        tags,
        params: idParams,
        response: { 200: productSchema },
      },
    },
    async (req) => products.getProduct(req.ctx(), req.params.id),
  );
  app.post(
    '/products',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'createProduct',
          summary: 'Create a product',
          description:
            'Adds a product with a unique code and optionally its first new-customer price; audited.',
          errors: ['DUPLICATE'],
          ...productsExamples.createProduct,
        }),
        tags,
        body: createProductSchema,
        response: { 201: productSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await products.createProduct(req.ctx(), req.body)),
  );
  app.patch(
    '/products/:id',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateProduct',
          summary: 'Change a product',
          description: 'Changes name, kind or active flag; audited.',
          ...productsExamples.updateProduct,
        }),
        tags,
        params: idParams,
        body: updateProductSchema,
        response: { 200: productSchema },
      },
    },
    async (req) => products.updateProduct(req.ctx(), req.params.id, req.body),
  );
  app.put(
    '/products/:id/new-customer-price',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'setNewCustomerPrice',
          summary: 'Set the new-customer price',
          description:
            'Records the price new customers get from a date on; the loyalty-penalty check compares existing contracts against it. Audited.',
          ...productsExamples.setNewCustomerPrice,
        }),
        tags,
        params: idParams,
        body: setNewCustomerPriceSchema,
        response: { 200: productSchema },
      },
    },
    async (req) => products.setNewCustomerPrice(req.ctx(), req.params.id, req.body),
  );
  app.get(
    '/products/:id/new-customer-prices',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listNewCustomerPrices',
          summary: 'List the new-customer price history',
          description: 'Every new-customer price of the product, oldest first.',
          ...productsExamples.listNewCustomerPrices,
        }),
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(productPriceSchema) }) },
      },
    },
    async (req) => ({
      items: await products.listNewCustomerPrices(req.ctx(), req.params.id),
    }),
  );
  app.get(
    '/products/:id/new-customer-price',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getNewCustomerPrice',
          summary: 'Read the new-customer price at a time',
          description: 'The new-customer price valid at `at` (default now); 404 when none was set then.',
          ...productsExamples.getNewCustomerPrice,
        }),
        tags,
        params: idParams,
        querystring: z.object({ at: isoDateTime.optional() }),
        response: { 200: productPriceSchema },
      },
    },
    async (req) => {
      await products.getProduct(req.ctx(), req.params.id);
      const price = await products.newCustomerPriceAt(
        req.ctx(),
        req.params.id,
        req.query.at ?? req.ctx().clock.now().toISOString(),
      );
      if (!price) throw notFound('New-customer price at', req.query.at ?? 'now');
      return price;
    },
  );

  const ctags = ['contracts'];
  app.post(
    '/contracts',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'createContract',
          summary: 'Create a contract',
          description:
            'Records a contract or subscription of a customer for a product at a price. With an `externalRef` already recorded it answers the existing contract (200). Audited.',
          errors: ['CUSTOMER_ERASED'],
          ...productsExamples.createContract,
        }),
        tags: ctags,
        body: createContractSchema,
        response: { 200: contractSchema, 201: contractSchema },
      },
    },
    async (req, reply) => {
      const { contract, created } = await contracts.createContract(req.ctx(), req.body);
      return reply.code(created ? 201 : 200).send(contract);
    },
  );
  app.get(
    '/contracts',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listContracts',
          summary: 'List contracts',
          description: 'Contracts in pages, filtered by customer, product or status.',
          ...productsExamples.listContracts,
        }),
        tags: ctags,
        querystring: listContractsQuery,
        response: { 200: pageOf(contractSchema) },
      },
    },
    async (req) => contracts.listContracts(req.ctx(), req.query),
  );
  app.get(
    '/contracts/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getContract',
          summary: 'Read one contract',
          description: 'One contract.',
          ...productsExamples.getContract,
        }),
        tags: ctags,
        params: idParams,
        response: { 200: contractSchema },
      },
    },
    async (req) => contracts.getContract(req.ctx(), req.params.id),
  );
  app.patch(
    '/contracts/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'updateContract',
          summary: 'Change a contract',
          description: 'Changes price, renewal date or notice; audited.',
          ...productsExamples.updateContract,
        }),
        tags: ctags,
        params: idParams,
        body: updateContractSchema,
        response: { 200: contractSchema },
      },
    },
    async (req) => contracts.updateContract(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/contracts/:id/cancel',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'cancelContract',
          summary: 'Cancel a contract',
          description:
            'Records the cancellation with date and reason. Emits `contract.cancelled`, which proposes the customer as lost to retention. Audited.',
          errors: ['CONFLICT'],
          ...productsExamples.cancelContract,
        }),
        tags: ctags,
        params: idParams,
        body: cancelContractSchema,
        response: { 200: contractSchema },
      },
    },
    async (req) => contracts.cancelContract(req.ctx(), req.params.id, req.body),
  );
  app.get(
    '/customers/:id/contracts',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listCustomerContracts',
          summary: "List a customer's contracts",
          description: 'All contracts of the customer, newest first.',
          ...productsExamples.listCustomerContracts,
        }),
        tags: ctags,
        params: idParams,
        response: { 200: z.object({ items: z.array(contractSchema) }) },
      },
    },
    async (req) => {
      await getCustomer(req.ctx(), req.params.id);
      return { items: await contracts.listContractsForCustomer(req.ctx(), req.params.id) };
    },
  );

  await app.register(async (scope) => {
    acceptUploads(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/imports/contracts',
      {
        config: { roles: MANAGERS },
        schema: {
          ...doc({
            id: 'importContracts',
            summary: 'Import contracts from CSV or JSON',
            description:
              'Reads the uploaded file (CSV, JSON array or NDJSON) as a stream and creates contracts, matching customers and products; a contract whose `externalRef` exists is skipped. Without `skipInvalid` nothing is written when any row is invalid (422 with every rejected row and its line).',
            errors: ['IMPORT_REJECTED'],
            ...productsExamples.importContracts,
          }),
          tags: ['imports'],
          querystring: importQuery,
          response: { 200: importReportSchema('contracts') },
        },
      },
      async (req) => {
        const { file, format } = uploadedFile(req, req.query.format);
        return reportOrReject(
          await importContracts(req.ctx(), { file, format, skipInvalid: req.query.skipInvalid }),
        );
      },
    );
  });
};
