// Examples of the webhook routes' request bodies and answers for the OpenAPI document (doc() in
// webhooks.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { defaultWebhookSettings } from './webhooks.settings.js';

const endpoint = {
  id: 'whe_01jnq3z8r4y6w2k5t7v9x1b3d5',
  url: 'https://crm.example.com/stammkunde',
  description: 'CRM',
  events: ['case.created', 'survey.answered'],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  consecutiveFailures: 0,
  previousSecretExpiresAt: null,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const withSecret = { ...endpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwmvKQ2Ehc3Zk=' };

const attempt = {
  id: 'wha_01jnq40c2m8e5f7h9k3n6p4r2t',
  deliveryId: 'msg_01jnq40c2m8e5f7h9k3n6p4r2t',
  eventType: 'case.created',
  attempt: 2,
  at: '2026-03-02T09:00:03.000Z',
  statusCode: 503,
  durationMs: 41,
  error: 'HTTP 503',
  nextRetryAt: '2026-03-02T09:00:05.000Z',
  deliveryStatus: 'pending',
};

export const webhookExamples = {
  listWebhookEvents: {
    response: {
      items: [
        {
          name: 'case.created',
          description: 'A complaint case was opened.',
          payloadComponent: 'WebhookPayloadCaseCreated',
          payloadSchema: {
            type: 'object',
            properties: { caseId: { type: 'string' }, customerId: { type: 'string' } },
            required: ['caseId', 'customerId'],
          },
        },
      ],
    },
  },
  listWebhookEndpoints: { response: { items: [endpoint], nextCursor: null } },
  createWebhookEndpoint: {
    body: {
      url: 'https://crm.example.com/stammkunde',
      events: ['case.created', 'survey.answered'],
      description: 'CRM',
    },
    response: withSecret,
  },
  getWebhookEndpoint: { response: endpoint },
  updateWebhookEndpoint: {
    body: { enabled: false },
    response: {
      ...endpoint,
      enabled: false,
      disabledReason: 'admin',
      disabledAt: '2026-03-02T09:00:00.000Z',
    },
  },
  deleteWebhookEndpoint: {},
  rotateWebhookSecret: {
    body: { graceHours: 24 },
    response: { ...withSecret, previousSecretExpiresAt: '2026-03-03T09:00:00.000Z' },
  },
  listWebhookDeliveries: { response: { items: [attempt], nextCursor: null } },
  getWebhookSettings: { response: defaultWebhookSettings },
  updateWebhookSettings: {
    body: { ...defaultWebhookSettings, timeoutSeconds: 5 },
    response: { ...defaultWebhookSettings, timeoutSeconds: 5 },
  },
};
