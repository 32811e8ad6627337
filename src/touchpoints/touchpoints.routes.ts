// HTTP routes of the touchpoints domain: the catalogue and the interactions at each touchpoint.
import { doc } from '../platform/http/api-doc.js';
import { touchpointsExamples } from './touchpoints.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCustomer } from '../customers/customers.service.js';
import { ADMINS, ALL_STAFF } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import {
  createTouchpointSchema,
  customerInteractionsQuery,
  interactionSchema,
  listInteractionsQuery,
  listTouchpointsQuery,
  recordInteractionSchema,
  touchpointSchema,
  updateTouchpointSchema,
} from './touchpoints.schema.js';
import * as touchpoints from './touchpoints.service.js';

const idParams = z.object({ id: z.string() });

export const touchpointsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['touchpoints'];
  app.get(
    '/touchpoints',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listTouchpoints',
          summary: 'List touchpoints',
          description:
            'The catalogue of moments where customers meet the company (sale, workshop visit, call), optionally with inactive ones.',
          ...touchpointsExamples.listTouchpoints,
        }),
        tags,
        querystring: listTouchpointsQuery,
        response: { 200: z.object({ items: z.array(touchpointSchema) }) },
      },
    },
    async (req) => ({
      items: await touchpoints.listTouchpoints(req.ctx(), req.query),
    }),
  );
  app.get(
    '/touchpoints/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getTouchpoint',
          summary: 'Read one touchpoint',
          description: 'One touchpoint of the catalogue.',
          ...touchpointsExamples.getTouchpoint,
        }),
        tags,
        params: idParams,
        response: { 200: touchpointSchema },
      },
    },
    async (req) => touchpoints.getTouchpoint(req.ctx(), req.params.id),
  );
  app.post(
    '/touchpoints',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'createTouchpoint',
          summary: 'Create a touchpoint',
          description:
            'Adds a touchpoint to the catalogue, optionally naming the survey it triggers; audited.',
          errors: ['DUPLICATE'],
          ...touchpointsExamples.createTouchpoint,
        }),
        tags,
        body: createTouchpointSchema,
        response: { 201: touchpointSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await touchpoints.createTouchpoint(req.ctx(), req.body)),
  );
  app.patch(
    '/touchpoints/:id',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateTouchpoint',
          summary: 'Change a touchpoint',
          description: 'Changes name, survey trigger or active flag; audited.',
          ...touchpointsExamples.updateTouchpoint,
        }),
        tags,
        params: idParams,
        body: updateTouchpointSchema,
        response: { 200: touchpointSchema },
      },
    },
    async (req) => touchpoints.updateTouchpoint(req.ctx(), req.params.id, req.body),
  );

  const tagsI = ['interactions'];
  app.post(
    '/interactions',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'recordInteraction',
          summary: 'Record an interaction',
          description:
            'Records that a customer met a touchpoint. With an `externalRef` already recorded it answers the existing interaction (200) instead of a second one. Emits `interaction.recorded`, which may queue an after-sales survey.',
          errors: ['CUSTOMER_ERASED'],
          ...touchpointsExamples.recordInteraction,
        }),
        tags: tagsI,
        body: recordInteractionSchema,
        response: { 200: interactionSchema, 201: interactionSchema },
      },
    },
    async (req, reply) => {
      const { created, ...interaction } = await touchpoints.recordInteraction(req.ctx(), req.body);
      return reply.code(created ? 201 : 200).send(interaction);
    },
  );
  app.get(
    '/interactions',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listInteractions',
          summary: 'List interactions',
          description: 'Interactions in pages, filtered by touchpoint, customer or time.',
          ...touchpointsExamples.listInteractions,
        }),
        tags: tagsI,
        querystring: listInteractionsQuery,
        response: { 200: pageOf(interactionSchema) },
      },
    },
    async (req) => touchpoints.listInteractions(req.ctx(), req.query),
  );
  app.get(
    '/customers/:id/interactions',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listCustomerInteractions',
          summary: "List a customer's interactions",
          description: "The customer's interactions in pages, newest first.",
          ...touchpointsExamples.listCustomerInteractions,
        }),
        tags: tagsI,
        params: idParams,
        querystring: customerInteractionsQuery,
        response: { 200: pageOf(interactionSchema) },
      },
    },
    async (req) => {
      await getCustomer(req.ctx(), req.params.id);
      return touchpoints.listInteractions(req.ctx(), { ...req.query, customerId: req.params.id });
    },
  );
};
