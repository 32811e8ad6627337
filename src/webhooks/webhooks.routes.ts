// HTTP routes of webhooks: the event catalogue, endpoints (admins only), their delivery log and the
// webhook settings.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { doc } from '../platform/http/api-doc.js';
import { ADMINS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { eventCatalogue } from './webhooks.events.js';
import { webhookExamples } from './webhooks.examples.js';
import { listAttempts } from './webhooks.log.js';
import {
  attemptSchema,
  createEndpointSchema,
  deliveryLogQuery,
  endpointSchema,
  endpointWithSecretSchema,
  eventCatalogueSchema,
  listEndpointsQuery,
  rotateSecretSchema,
  updateEndpointSchema,
  webhookSettingsSchema,
} from './webhooks.schema.js';
import * as endpoints from './webhooks.service.js';
import { getWebhookSettings, setWebhookSettings } from './webhooks.settings.js';

const idParams = z.object({ id: z.string() });
const tags = ['webhooks'];
const config = { roles: ADMINS };

export const webhooksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/webhooks/events',
    {
      config,
      schema: {
        ...doc({
          id: 'listWebhookEvents',
          summary: 'List the webhook events',
          description:
            'Every event an endpoint can subscribe to, with its meaning and the JSON Schema of its `data` ' +
            '(also in components.schemas as WebhookPayload…). A delivery body is ' +
            '`{ "type": <event>, "timestamp": <ISO-8601>, "data": {…} }`, signed per Standard Webhooks.',
          ...webhookExamples.listWebhookEvents,
        }),
        tags,
        response: { 200: eventCatalogueSchema },
      },
    },
    async () => ({ items: eventCatalogue() }),
  );
  app.get(
    '/webhooks/endpoints',
    {
      config,
      schema: {
        ...doc({
          id: 'listWebhookEndpoints',
          summary: 'List webhook endpoints',
          description: 'The registered endpoints, oldest first; secrets are never listed.',
          ...webhookExamples.listWebhookEndpoints,
        }),
        tags,
        querystring: listEndpointsQuery,
        response: { 200: pageOf(endpointSchema) },
      },
    },
    async (req) => endpoints.listEndpoints(req.ctx(), req.query),
  );
  app.post(
    '/webhooks/endpoints',
    {
      config,
      schema: {
        ...doc({
          id: 'createWebhookEndpoint',
          summary: 'Register a webhook endpoint',
          description:
            'Registers a URL for the events given and generates its signing secret (whsec_…), answered ' +
            'only here. The URL must be https (http only where the installation allows it) and must not ' +
            'point to a private, loopback, link-local or unique-local address (400 naming `url`).',
          ...webhookExamples.createWebhookEndpoint,
        }),
        tags,
        body: createEndpointSchema,
        response: { 201: endpointWithSecretSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await endpoints.createEndpoint(req.ctx(), req.body)),
  );
  app.get(
    '/webhooks/endpoints/:id',
    {
      config,
      schema: {
        ...doc({
          id: 'getWebhookEndpoint',
          summary: 'Read one webhook endpoint',
          description: 'The endpoint without its secret.',
          ...webhookExamples.getWebhookEndpoint,
        }),
        tags,
        params: idParams,
        response: { 200: endpointSchema },
      },
    },
    async (req) => endpoints.getEndpoint(req.ctx(), req.params.id),
  );
  app.patch(
    '/webhooks/endpoints/:id',
    {
      config,
      schema: {
        ...doc({
          id: 'updateWebhookEndpoint',
          summary: 'Change a webhook endpoint',
          description:
            'Changes URL, events, description or enabled (audited). Enabling an endpoint the system ' +
            'disabled after failures starts its count of failures in a row again.',
          ...webhookExamples.updateWebhookEndpoint,
        }),
        tags,
        params: idParams,
        body: updateEndpointSchema,
        response: { 200: endpointSchema },
      },
    },
    async (req) => endpoints.updateEndpoint(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    '/webhooks/endpoints/:id',
    {
      config,
      schema: {
        ...doc({
          id: 'deleteWebhookEndpoint',
          summary: 'Delete a webhook endpoint',
          description: 'Deletes the endpoint, its pending deliveries and its delivery log (audited).',
          noContent: true,
          ...webhookExamples.deleteWebhookEndpoint,
        }),
        tags,
        params: idParams,
      },
    },
    async (req, reply) => {
      await endpoints.deleteEndpoint(req.ctx(), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/webhooks/endpoints/:id/rotate-secret',
    {
      config,
      schema: {
        ...doc({
          id: 'rotateWebhookSecret',
          summary: 'Rotate the signing secret of an endpoint',
          description:
            'Generates a new secret, answered only here. During the grace period every delivery carries ' +
            'two signatures (new and previous secret, space-separated), so the receiver can switch over.',
          ...webhookExamples.rotateWebhookSecret,
        }),
        tags,
        params: idParams,
        body: rotateSecretSchema,
        response: { 200: endpointWithSecretSchema },
      },
    },
    async (req) => endpoints.rotateSecret(req.ctx(), req.params.id, req.body),
  );
  app.get(
    '/webhooks/endpoints/:id/deliveries',
    {
      config,
      schema: {
        ...doc({
          id: 'listWebhookDeliveries',
          summary: 'List the delivery attempts of an endpoint',
          description:
            'Every attempt, newest first: time, HTTP status, duration, error and when the delivery is ' +
            'tried again. `deliveryId` is the webhook-id header (the same on every retry).',
          ...webhookExamples.listWebhookDeliveries,
        }),
        tags,
        params: idParams,
        querystring: deliveryLogQuery,
        response: { 200: pageOf(attemptSchema) },
      },
    },
    async (req) => listAttempts(req.ctx(), req.params.id, req.query),
  );
  app.get(
    '/settings/webhooks',
    {
      config,
      schema: {
        ...doc({
          id: 'getWebhookSettings',
          summary: 'Read the webhook settings',
          description:
            'Retries, timeout, when an endpoint is disabled, the rotation grace and whether http is allowed.',
          ...webhookExamples.getWebhookSettings,
        }),
        tags: ['settings', ...tags],
        response: { 200: webhookSettingsSchema },
      },
    },
    async (req) => getWebhookSettings(req.ctx()),
  );
  app.put(
    '/settings/webhooks',
    {
      config,
      schema: {
        ...doc({
          id: 'updateWebhookSettings',
          summary: 'Change the webhook settings',
          description:
            'Audited. Private and loopback targets stay refused unless the installation sets WEBHOOKS_ALLOW_PRIVATE=true.',
          ...webhookExamples.updateWebhookSettings,
        }),
        tags: ['settings', ...tags],
        body: webhookSettingsSchema,
        response: { 200: webhookSettingsSchema },
      },
    },
    async (req) => setWebhookSettings(req.ctx(), req.body),
  );
};
