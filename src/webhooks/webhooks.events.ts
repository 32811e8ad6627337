// The catalogue of webhook events: each event's name, what it means, and its payload (`data`) as a
// Zod schema. The schemas are the contract with integrators: they are registered as OpenAPI
// components (WebhookPayload…), answered by GET /api/v1/webhooks/events, and applied to the domain
// event before it is sent, so a field a domain adds to its internal event (a staff-written reason,
// a description) never leaves the house unless it is named here.
import { z } from 'zod';
import type { EventName } from '../platform/events.js';

const id = (what: string) => z.string().describe(`the ${what}'s id`);
const at = (what: string) => z.string().describe(`${what} (ISO-8601, UTC)`);
const minor = (what: string) => z.number().int().describe(`${what} in minor units of currency`);

const caseCreated = z.object({
  caseId: id('case'),
  customerId: id('customer'),
  ownerId: z.string().nullable().describe('the staff user who owns the case'),
  channel: z.string().describe('how the complaint came in (email, phone, letter, …)'),
  touchpointCode: z.string().nullable().describe('the touchpoint the complaint is about'),
});

const caseEscalated = z.object({
  caseId: id('case'),
  customerId: id('customer'),
  level: z.number().int().describe('the escalation level now (1: team lead, 2: their manager)'),
  reasons: z
    .array(z.string())
    .describe('anger, leaving, high_value, sla_first_response, sla_resolution, reopened, manual'),
  escalatedTo: z.string().nullable().describe('the staff user who got the call-back task'),
  escalatedAt: at('when'),
});

const caseResolved = z.object({
  caseId: id('case'),
  customerId: id('customer'),
  ownerId: z.string().nullable(),
  resolvedAt: at('when'),
});

const caseClosed = z.object({
  caseId: id('case'),
  customerId: id('customer'),
  ownerId: z.string().nullable(),
  closedAt: at('when'),
  trivial: z.boolean().optional().describe('closed as trivial (no recovery survey)'),
});

const caseReopened = z.object({
  caseId: id('case'),
  customerId: id('customer'),
  ownerId: z.string().nullable(),
  reopenedAt: at('when'),
});

const surveyAnswered = z.object({
  answerId: id('survey answer'),
  customerId: id('customer'),
  definitionCode: z.string().describe('the survey (sale, after_sales, case_recovery, exit_interview, …)'),
  scale: z.string().describe('nps (0–10), csat (1–5), ces (1–7) or none'),
  score: z.number().int().nullable().describe('the score on the scale; null when the survey has none'),
  caseId: z.string().nullable().describe('the case the survey followed, if any'),
  at: at('when it was answered'),
});

const customerAtRisk = z.object({
  alertId: id('churn alert'),
  customerId: id('customer'),
  runId: id('scoring run'),
  pAlive: z.number().nullable().describe('probability the customer is still active (0–1)'),
  previousPAlive: z.number().nullable().describe('the same at the previous scoring'),
  valueAtRiskMinor: minor('the value at risk'),
  currency: z.string(),
  reasons: z.array(z.string()).describe('reason codes (p_alive_low, p_alive_drop, overdue, …)'),
  at: at('when the alert was raised'),
});

const customerLost = z.object({
  customerId: id('customer'),
  lostId: id('lost-customer record'),
  source: z.string().describe('how the loss became known (cancellation, manual, …)'),
  reasonCode: z.string().nullable().describe('the exit reason code, if known'),
  at: at('when the loss was confirmed'),
});

const customerWonBack = z.object({
  customerId: id('customer'),
  lostId: id('lost-customer record'),
  wonBackAt: at('the first purchase after the loss'),
});

const goodwillRequested = z.object({
  goodwillId: id('goodwill gesture'),
  caseId: id('case'),
  customerId: id('customer'),
  kind: z.string().describe('refund, voucher, gift, service, …'),
  amountMinor: minor('the amount'),
  currency: z.string(),
  status: z
    .enum(['granted', 'pending_approval'])
    .describe('granted at once (within the requester’s limit) or waiting for a manager'),
  requestedBy: z.string().nullable().describe('the staff user who recorded it'),
  requestedAt: at('when'),
});

const goodwillDecided = z.object({
  goodwillId: id('goodwill gesture'),
  caseId: id('case'),
  customerId: id('customer'),
  decision: z.enum(['granted', 'declined']),
  selfGranted: z.boolean().describe('granted within the requester’s own limit, without approval'),
  amountMinor: minor('the amount'),
  currency: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: at('when'),
});

const loyaltyPenaltyFound = z.object({
  findingId: id('finding'),
  customerId: id('customer'),
  contractId: id('contract'),
  productCode: z.string(),
  billingPeriod: z.string().describe('month or year'),
  priceMinor: minor("the customer's price per period"),
  newCustomerPriceMinor: minor("today's new-customer price per period"),
  overpaymentPerYearMinor: minor('what the customer pays more per year'),
  currency: z.string(),
  foundAt: at('when the daily scan found it'),
});

type EventDef = { description: string; schema: z.ZodObject };

const defs = {
  'case.created': { description: 'A complaint case was opened.', schema: caseCreated },
  'case.escalated': {
    description: 'A case went up one escalation level (anger, leaving, SLA, high value, manual).',
    schema: caseEscalated,
  },
  'case.resolved': {
    description: 'Every point of a case was answered and it was resolved.',
    schema: caseResolved,
  },
  'case.closed': { description: 'A resolved case was closed (every commitment kept).', schema: caseClosed },
  'case.reopened': {
    description:
      'A resolved or closed case was reopened (by staff, a customer reply or a bad survey answer).',
    schema: caseReopened,
  },
  'survey.answered': {
    description: 'A customer answered a survey (with the score).',
    schema: surveyAnswered,
  },
  'customer.at_risk': {
    description: 'The churn early warning flagged a customer at risk and gave the owner a retention task.',
    schema: customerAtRisk,
  },
  'customer.lost': { description: 'A customer was confirmed as lost.', schema: customerLost },
  'customer.won_back': {
    description: 'A lost customer bought again after the loss was confirmed.',
    schema: customerWonBack,
  },
  'goodwill.requested': {
    description: 'A goodwill gesture was recorded on a case (granted at once or waiting for approval).',
    schema: goodwillRequested,
  },
  'goodwill.decided': {
    description:
      'A goodwill gesture was granted or declined (a manager’s decision, or granted at once within the requester’s limit).',
    schema: goodwillDecided,
  },
  'loyalty_penalty.found': {
    description: 'The daily scan found a contract paying more than a new customer pays for the same product.',
    schema: loyaltyPenaltyFound,
  },
} satisfies Partial<Record<EventName, EventDef>>;

export type WebhookEventName = keyof typeof defs;

/** The event names in catalogue order (also the values an endpoint may subscribe to). */
export const WEBHOOK_EVENTS = Object.keys(defs) as [WebhookEventName, ...WebhookEventName[]];

export const webhookEventNameSchema = z.enum(WEBHOOK_EVENTS);

/** A readable component name: case.created → WebhookPayloadCaseCreated. */
function componentName(event: string): string {
  return `WebhookPayload${event
    .split(/[._]/)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('')}`;
}

// A copy of each is registered in Zod's global registry under its component name, so the OpenAPI
// document lists them under components.schemas; the originals stay unnamed and render inline.
for (const [name, def] of Object.entries(defs) as Array<[string, EventDef]>)
  def.schema.meta({ id: componentName(name), description: `data of ${name}: ${def.description}` });

export function isWebhookEvent(name: string): name is WebhookEventName {
  return Object.hasOwn(defs, name);
}

/** The webhook's `data` from a domain event's payload: only the documented fields, checked. */
export function webhookData(
  event: WebhookEventName,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  return defs[event].schema.parse(payload) as Record<string, unknown>;
}

/** The JSON body every delivery sends (the Standard Webhooks envelope). */
export function webhookBody(
  event: WebhookEventName,
  timestamp: string,
  data: Record<string, unknown>,
): string {
  return JSON.stringify({ type: event, timestamp, data });
}

/** The catalogue as GET /webhooks/events answers it: name, description, payload as JSON Schema. */
export function eventCatalogue() {
  return WEBHOOK_EVENTS.map((name) => ({
    name,
    description: defs[name].description,
    payloadComponent: componentName(name),
    payloadSchema: z.toJSONSchema(defs[name].schema, {
      target: 'openapi-3.0',
      unrepresentable: 'any',
    }) as Record<string, unknown>,
  }));
}
