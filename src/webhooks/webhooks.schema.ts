// API contract of webhooks: endpoints (the secret is answered only on create and rotate), the
// delivery log, the event catalogue and the webhook settings.
import { z } from 'zod';
import { isoDateTime, pageQuery } from '../platform/http/field-schemas.js';
import { webhookEventNameSchema } from './webhooks.events.js';

export const webhookSettingsSchema = z.object({
  allowHttp: z
    .boolean()
    .describe('allow plain http:// targets (also WEBHOOKS_ALLOW_HTTP=true); https only otherwise'),
  disableAfterFailures: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .describe('failed attempts in a row (any delivery) after which the endpoint is disabled'),
  maxAttempts: z.number().int().min(1).max(30).describe('attempts per delivery before it is given up'),
  timeoutSeconds: z.number().int().min(1).max(60).describe('time limit of one attempt'),
  rotationGraceHours: z
    .number()
    .min(0)
    .max(24 * 14)
    .describe('how long the previous secret still signs after a rotation (default of the rotate call)'),
  logRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe('finished deliveries and their attempt log are deleted after this many days'),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

const url = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .describe('https URL (http only where the installation allows it)');
const events = z
  .array(webhookEventNameSchema)
  .min(1)
  .max(50)
  .describe('the events sent to this endpoint (see GET /webhooks/events)');
const description = z.string().trim().max(500);

export const createEndpointSchema = z.object({
  url,
  events,
  description: description.default(''),
  enabled: z.boolean().default(true),
});
export type CreateEndpoint = z.input<typeof createEndpointSchema>;

export const updateEndpointSchema = z
  .object({ url, events, description, enabled: z.boolean() })
  .partial()
  .describe('only the fields given change; enabling resets the count of failures in a row');
export type UpdateEndpoint = z.input<typeof updateEndpointSchema>;

export const rotateSecretSchema = z.object({
  graceHours: z
    .number()
    .min(0)
    .max(24 * 14)
    .optional()
    .describe('how long the old secret still signs (default: the setting rotationGraceHours); 0 ends it now'),
});

export const endpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z
    .string()
    .nullable()
    .describe(
      "null while enabled; 'failures': disabled by the system after too many failed attempts in a row; 'admin': by an admin",
    ),
  disabledAt: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  previousSecretExpiresAt: z
    .string()
    .nullable()
    .describe('while set and in the future, deliveries carry a second signature with the previous secret'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const endpointWithSecretSchema = endpointSchema.extend({
  secret: z.string().describe('whsec_…: shown only in this answer; store it now'),
});

export const listEndpointsQuery = z.object({ ...pageQuery });

export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'skipped']);

export const deliveryLogQuery = z.object({
  ...pageQuery,
  eventType: webhookEventNameSchema.optional(),
  from: isoDateTime.optional().describe('attempts at or after this instant'),
});

export const attemptSchema = z.object({
  id: z.string(),
  deliveryId: z.string().describe('the webhook-id header: the same on every attempt of one delivery'),
  eventType: z.string(),
  attempt: z.number().int().describe('1 for the first attempt of the delivery'),
  at: z.string(),
  statusCode: z.number().int().nullable().describe("the receiver's HTTP status; null: no answer"),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  nextRetryAt: z.string().nullable().describe('when the delivery is tried again; null: no retry'),
  deliveryStatus: deliveryStatusSchema,
});
export type Attempt = z.infer<typeof attemptSchema>;

export const eventCatalogueSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      payloadComponent: z.string().describe('the OpenAPI component of `data` (components.schemas)'),
      payloadSchema: z
        .record(z.string(), z.unknown())
        .describe('`data` as JSON Schema (OpenAPI 3.0 dialect)'),
    }),
  ),
});
