// Every catalogue event, caused the way it happens in the product (through the API, the worker and
// the daily scan), reaches a subscribed receiver with the documented payload: the owning domains
// emit it in the transaction of the change, and no free text of the customer's leaves the house.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { answerSurveyByMail } from '../../test/helpers/survey-answer.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import { scanLoyaltyPenalties } from '../retention/loyalty-penalty-scan.js';
import { WEBHOOK_EVENTS } from './webhooks.events.js';
import { makeResolvable } from '../../test/helpers/case-resolution.js';

type Sent = { type: string; timestamp: string; data: Record<string, any> };

describe('webhook events from the owning domains', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let receiver: WebhookReceiver;
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startWebhookReceiver();
    t = await startTestApp({
      now: '2026-03-02T09:00:00.000Z',
      smtpUrl: smtp.url,
      config: { webhooksAllowPrivate: true, webhooksAllowHttp: true },
    });
    const res = await t.request('admin', 'POST', '/api/v1/webhooks/endpoints', {
      url: receiver.url,
      events: WEBHOOK_EVENTS,
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
    await smtp.stop();
  });

  const sent = (type: string): Sent[] =>
    receiver.received.map((r) => JSON.parse(r.body) as Sent).filter((b) => b.type === type);
  const customer = async (extra: Record<string, unknown> = {}) => {
    n++;
    const email = `ev${n}@example.test`;
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Eva Event ${n}`,
      email,
      ...extra,
    });
    expect(res.status).toBe(201);
    const consent = await t.request('agent', 'POST', `/api/v1/customers/${res.body.id}/consents`, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'opt_in',
      status: 'given',
      source: 'order form',
    });
    expect(consent.status).toBe(201);
    return { id: res.body.id as string, email };
  };

  it('sends the life of a case: created, escalated, goodwill, resolved, closed, reopened', async () => {
    const c = await customer();
    const k = (
      await t.request('agent', 'POST', '/api/v1/cases', {
        customerId: c.id,
        channel: 'email',
        points: [{ text: 'Das ist eine Frechheit!!! Ich kündige, wenn das nicht sofort erledigt wird!!!' }],
      })
    ).body;
    expect(k.escalationLevel).toBe(1);
    const small = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'voucher',
      amountMinor: 1000,
      currency: 'EUR',
      description: 'Gutschein für Frau Event, Adresse siehe Akte',
    });
    expect(small.status).toBe(201);
    const big = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'refund',
      amountMinor: 5_000_000,
      currency: 'EUR',
      description: 'volle Erstattung',
    });
    expect(big.body.status).toBe('pending_approval');
    await t.request('manager', 'POST', `/api/v1/cases/${k.id}/goodwill/${big.body.id}/decline`, {
      reason: 'zu hoch',
    });
    await makeResolvable(t, k.id);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`)).status).toBe(200);
    expect(
      (
        await t.request('agent', 'POST', `/api/v1/cases/${k.id}/close`, {
          trivial: true,
          callbackOutcome: 'zurückgerufen',
        })
      ).status,
    ).toBe(200);
    const reopened = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/reopen`, {
      reason: 'Kundin ruft an',
    });
    expect(reopened.status).toBe(200);
    await t.drainJobs();

    expect(sent('case.created')[0].data).toEqual({
      caseId: k.id,
      customerId: c.id,
      ownerId: k.ownerId,
      channel: 'email',
      touchpointCode: null,
    });
    expect(sent('case.escalated')[0].data).toMatchObject({ caseId: k.id, customerId: c.id, level: 1 });
    expect(sent('case.escalated')[0].data.reasons).toContain('anger');
    const requested = sent('goodwill.requested').map((s) => s.data);
    expect(requested).toEqual([
      expect.objectContaining({
        goodwillId: small.body.id,
        status: 'granted',
        amountMinor: 1000,
        currency: 'EUR',
      }),
      expect.objectContaining({ goodwillId: big.body.id, status: 'pending_approval', kind: 'refund' }),
    ]);
    const decided = sent('goodwill.decided').map((s) => s.data);
    expect(decided).toEqual([
      expect.objectContaining({ goodwillId: small.body.id, decision: 'granted', selfGranted: true }),
      expect.objectContaining({
        goodwillId: big.body.id,
        decision: 'declined',
        decidedBy: t.staff.manager.id,
      }),
    ]);
    expect(sent('case.resolved')[0].data).toMatchObject({ caseId: k.id, customerId: c.id });
    expect(sent('case.closed')[0].data).toMatchObject({ caseId: k.id, trivial: true });
    expect(sent('case.reopened')[0].data).toEqual({
      caseId: k.id,
      customerId: c.id,
      ownerId: k.ownerId,
      reopenedAt: t.clock.now().toISOString(),
    });
    // Texts people wrote (the complaint, goodwill descriptions, the reopen reason) are not sent.
    const all = receiver.received.map((r) => r.body).join('\n');
    expect(all).not.toMatch(/Frechheit|Gutschein|Erstattung|Kundin ruft an|Eva Event/);
  });

  it('sends survey.answered with the score', async () => {
    const c = await customer();
    const req = await t.request('manager', 'POST', '/api/v1/surveys/requests', {
      customerId: c.id,
      definitionCode: 'sale_csat',
    });
    expect(req.status).toBe(202);
    await answerSurveyByMail(t, smtp, c.email, { score: '2' });
    await t.drainJobs();
    const [answered] = sent('survey.answered').filter((s) => s.data.customerId === c.id);
    expect(answered.data).toMatchObject({
      definitionCode: 'sale_csat',
      scale: 'csat',
      score: 2,
      caseId: null,
    });
  });

  it('sends customer.lost and, after a purchase, customer.won_back', async () => {
    const c = await customer();
    const lost = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
      reasonCode: 'price',
      reason: 'zu teuer laut Herrn Nachbar',
    });
    expect(lost.status).toBe(201);
    t.clock.advance(86_400_000);
    const bought = await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: `WB-${c.id}`,
      customerId: c.id,
      purchasedAt: t.clock.now().toISOString(),
      amountMinor: 5000,
      currency: 'EUR',
      kind: 'sale',
    });
    expect(bought.status).toBe(201);
    await t.drainJobs();
    expect(sent('customer.lost').find((s) => s.data.customerId === c.id)?.data).toEqual({
      customerId: c.id,
      lostId: lost.body.id,
      source: 'manual',
      reasonCode: 'price',
      at: lost.body.confirmedAt,
    });
    expect(sent('customer.won_back').find((s) => s.data.customerId === c.id)?.data).toEqual({
      customerId: c.id,
      lostId: lost.body.id,
      wonBackAt: bought.body.purchasedAt,
    });
    expect(receiver.received.map((r) => r.body).join('\n')).not.toContain('Nachbar');
  });

  it('sends loyalty_penalty.found once per price pair from the daily scan', async () => {
    const c = await customer();
    const product = await t.request('admin', 'POST', '/api/v1/products', {
      code: 'TARIF-EV',
      name: { de: 'Tarif', en: 'Plan' },
      kind: 'subscription',
      currency: 'EUR',
      newCustomerPriceMinor: 1000,
      billingPeriod: 'month',
    });
    const contract = await t.request('agent', 'POST', '/api/v1/contracts', {
      customerId: c.id,
      productId: product.body.id,
      priceMinor: 1250,
      currency: 'EUR',
      billingPeriod: 'month',
      startedAt: '2024-01-01T00:00:00Z',
    });
    expect(contract.status).toBe(201);
    expect(await scanLoyaltyPenalties(t.ctx)).toBe(1);
    expect(await scanLoyaltyPenalties(t.ctx)).toBe(0);
    await t.drainJobs();
    const [found] = sent('loyalty_penalty.found');
    expect(found.data).toMatchObject({
      customerId: c.id,
      contractId: contract.body.id,
      productCode: 'TARIF-EV',
      billingPeriod: 'month',
      priceMinor: 1250,
      newCustomerPriceMinor: 1000,
      overpaymentPerYearMinor: 3000,
      currency: 'EUR',
    });
  });

  it('sends customer.at_risk for each alert of a scoring run', async () => {
    const settings = await t.request('admin', 'GET', '/api/v1/settings/churn');
    // Every scored customer counts as at risk: the run raises an alert (and a task) for each.
    await t.request('admin', 'PUT', '/api/v1/settings/churn', {
      ...settings.body,
      alerts: { ...settings.body.alerts, pAliveBelow: 1.5 },
    });
    const now = t.clock.now().getTime();
    const scored: string[] = [];
    for (let i = 0; i < 8; i++) {
      const c = await customer({ customerSince: new Date(now - 700 * 86_400_000).toISOString() });
      scored.push(c.id);
      for (let p = 0; p < 4; p++)
        await t.request('agent', 'POST', '/api/v1/purchases', {
          externalId: `AR-${i}-${p}`,
          customerId: c.id,
          purchasedAt: new Date(now - (600 - p * (60 + i * 7)) * 86_400_000).toISOString(),
          amountMinor: 10_000 + i * 100,
          currency: 'EUR',
          kind: 'sale',
        });
    }
    expect((await t.request('manager', 'POST', '/api/v1/churn/runs', {})).status).toBe(202);
    await t.drainJobs();
    await t.drainJobs();
    const atRisk = sent('customer.at_risk').filter((s) => scored.includes(s.data.customerId));
    expect(atRisk.length).toBeGreaterThan(0);
    expect(atRisk[0].data).toMatchObject({ currency: 'EUR' });
    expect(atRisk[0].data.alertId).toMatch(/^cha_/);
    expect(atRisk[0].data.reasons).toContain('p_alive_low');
  });

  it('delivered every catalogue event with the envelope type, timestamp and data', () => {
    const types = new Set(receiver.received.map((r) => (JSON.parse(r.body) as Sent).type));
    expect([...types].sort()).toEqual([...WEBHOOK_EVENTS].sort());
    for (const r of receiver.received) {
      const body = JSON.parse(r.body) as Sent;
      expect(Object.keys(body)).toEqual(['type', 'timestamp', 'data']);
      expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    }
  });
});
