import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { answerSurveyByMail } from '../../test/helpers/survey-answer.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { createApiToken, createUser } from '../platform/auth/users.service.js';

// Explicit signals in the at-risk rule: a cancellation notice on a contract, open complaint cases and
// bad survey ratings. The customers carrying them buy steadily (the model alone does not flag them);
// a background of customers with their own rhythms, some lapsed, lets the models fit.

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;

type Item = { customerId: string; reasons: Array<{ code: string; text: string }>; taskId: string | null };

describe('churn explicit signals', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let purchaseNo = 0;
  let englishToken = '';
  const steady: Record<'cancelled' | 'complaint' | 'minorComplaint' | 'detractor' | 'control', string> = {
    cancelled: '',
    complaint: '',
    minorComplaint: '',
    detractor: '',
    control: '',
  };

  const buy = async (customerId: string, at: number, amountMinor: number) => {
    const res = await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: `S-${++purchaseNo}`,
      customerId,
      purchasedAt: new Date(at).toISOString(),
      amountMinor,
      currency: 'EUR',
      kind: 'sale',
    });
    expect(res.status).toBe(201);
  };
  const customer = async (name: string, sinceDaysAgo: number, email?: string) => {
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name,
      email,
      ownerId: t.staff.manager.id,
      customerSince: new Date(Date.parse(NOW) - sinceDaysAgo * DAY).toISOString(),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const runNow = async () => {
    expect((await t.request('manager', 'POST', '/api/v1/churn/runs', {})).status).toBe(202);
    await t.drainJobs();
  };
  const atRisk = async (token?: string): Promise<Item[]> => {
    const res = token
      ? await t.request(null, 'GET', '/api/v1/churn/at-risk?limit=500', undefined, {
          authorization: `Bearer ${token}`,
        })
      : await t.request('agent', 'GET', '/api/v1/churn/at-risk?limit=500');
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const codesOf = (items: Item[], id: string) =>
    items.find((i) => i.customerId === id)?.reasons.map((r) => r.code) ?? [];
  const settings = async () => (await t.request('admin', 'GET', '/api/v1/settings/churn')).body;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: NOW, smtpUrl: smtp.url });
    const now = Date.parse(NOW);
    let seed = 4_242;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    // Background: 36 customers with exponential gaps around their own mean; every third lapsed.
    for (let k = 0; k < 36; k++) {
      const since = now - (730 - Math.floor(rnd() * 300)) * DAY;
      const id = await customer(`Hintergrund ${k}`, (now - since) / DAY);
      const meanGap = 14 + 120 * rnd() ** 2;
      const stop = k % 3 === 0 ? now - (330 + rnd() * 60) * DAY : now - DAY;
      let at = since + 10 * 3_600_000;
      for (let n = 0; at <= stop && n < 14; n++) {
        await buy(id, at, 2_000 + Math.floor(rnd() * 20_000));
        at += Math.ceil(-Math.log(1 - rnd()) * meanGap) * DAY;
      }
    }
    // Steady buyers: every 21 days for a year, the last purchase two days ago.
    for (const key of Object.keys(steady) as Array<keyof typeof steady>) {
      steady[key] = await customer(`Stammkunde ${key}`, 400, `${key}@example.test`);
      for (let d = 366; d >= 2; d -= 21) await buy(steady[key], now - d * DAY, 15_000);
    }
    // The signals.
    const product = await t.request('admin', 'POST', '/api/v1/products', {
      code: 'WARTUNG',
      name: { de: 'Wartungsvertrag', en: 'Maintenance plan' },
      kind: 'subscription',
      currency: 'EUR',
      newCustomerPriceMinor: 2900,
      billingPeriod: 'month',
    });
    expect(product.status).toBe(201);
    const contract = await t.request('agent', 'POST', '/api/v1/contracts', {
      customerId: steady.cancelled,
      productCode: 'WARTUNG',
      priceMinor: 2900,
      currency: 'EUR',
      billingPeriod: 'month',
      startedAt: '2025-01-01T00:00:00Z',
      renewsAt: '2026-06-01T00:00:00Z',
    });
    expect(contract.status).toBe(201);
    const cancel = await t.request('agent', 'POST', `/api/v1/contracts/${contract.body.id}/cancel`, {
      reason: 'Zu teuer',
    });
    expect(cancel.status).toBe(200);
    for (const [id, severity] of [
      [steady.complaint, 'high'],
      [steady.minorComplaint, 'low'],
    ] as const) {
      const c = await t.request('agent', 'POST', '/api/v1/cases', {
        customerId: id,
        severity,
        points: [{ text: 'Die Rechnung enthält eine Position, die wir nicht bestellt haben.' }],
      });
      expect(c.status).toBe(201);
    }
    const consent = await t.request('agent', 'POST', `/api/v1/customers/${steady.detractor}/consents`, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'opt_in',
      status: 'given',
      source: 'order form',
    });
    expect(consent.status).toBe(201);
    const req = await t.request('manager', 'POST', '/api/v1/surveys/requests', {
      customerId: steady.detractor,
      definitionCode: 'relationship_nps',
    });
    expect(req.status).toBe(202);
    await answerSurveyByMail(t, smtp, 'detractor@example.test', { score: '3' });

    const user = await createUser(t.ctx, {
      email: 'signals-en@example.test',
      name: 'Sam Signals',
      role: 'manager',
      locale: 'en',
      password: 'correct horse battery staple',
    });
    englishToken = (await createApiToken(t.ctx, user.id, 'english')).token;
    const s = await settings();
    const saved = await t.request('admin', 'PUT', '/api/v1/settings/churn', {
      ...s,
      scoring: { ...s.scoring, models: ['bgnbd', 'mbgnbd'] },
    });
    expect(saved.status).toBe(200);
    await runNow();
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('lists a customer with a cancellation notice with that reason, product and end date', async () => {
    const items = await atRisk();
    const item = items.find((i) => i.customerId === steady.cancelled)!;
    expect(item).toBeDefined();
    const reason = item.reasons.find((r) => r.code === 'cancellation_notice')!;
    expect(reason.text).toBe('Kündigung eingegangen: Wartungsvertrag; der Vertrag läuft bis 1. Juni 2026');
  });

  it('lists a customer with an open complaint of at least the configured severity, not a minor one', async () => {
    const items = await atRisk();
    expect(codesOf(items, steady.complaint)).toContain('open_cases');
    expect(items.find((i) => i.customerId === steady.complaint)!.reasons.map((r) => r.text)).toContain(
      '1 offene Reklamation (Schwere: hoch) seit 2. März 2026',
    );
    expect(codesOf(items, steady.minorComplaint)).not.toContain('open_cases');
  });

  it('lists a customer with a detractor NPS answer with the rating and its date', async () => {
    const items = await atRisk();
    const texts = items.find((i) => i.customerId === steady.detractor)!.reasons.map((r) => r.text);
    expect(texts).toContain('schlechte Bewertung in den letzten 90 Tagen: NPS 3 am 2. März 2026');
  });

  it('leaves a steady buyer without signals off the list (the model alone does not flag them)', async () => {
    const items = await atRisk();
    expect(items.map((i) => i.customerId)).not.toContain(steady.control);
    expect(items.map((i) => i.customerId)).not.toContain(steady.minorComplaint);
    for (const id of [steady.cancelled, steady.complaint, steady.detractor])
      expect(
        codesOf(items, id).filter((c) => ['p_alive_low', 'p_alive_drop', 'overdue'].includes(c)),
      ).toEqual([]);
  });

  it('gives the signal reasons in English to an English user', async () => {
    const items = await atRisk(englishToken);
    const texts = items.flatMap((i) => i.reasons.map((r) => r.text));
    expect(texts).toContain(
      'cancellation notice received: Maintenance plan; the contract runs until 1 June 2026',
    );
    expect(texts).toContain('1 open complaint (severity: high) since 2 March 2026');
    expect(texts).toContain('bad rating in the last 90 days: NPS 3 on 2 March 2026');
  });

  it('puts the signal reasons into the retention task of the owner', async () => {
    const items = await atRisk();
    const item = items.find((i) => i.customerId === steady.cancelled)!;
    expect(item.taskId).not.toBeNull();
    const task = await t.request('manager', 'GET', `/api/v1/tasks/${item.taskId}`);
    expect(task.body.description).toContain('- Kündigung eingegangen: Wartungsvertrag');
  });

  it('rejects an unknown case severity in the settings naming the field and keeps the settings', async () => {
    const before = await settings();
    const res = await t.request('admin', 'PUT', '/api/v1/settings/churn', {
      ...before,
      alerts: { ...before.alerts, openCaseMinSeverity: 'huge' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).join(' ')).toContain('openCaseMinSeverity');
    expect(await settings()).toEqual(before);
  });

  it('drops the signals from the next run when the settings switch them off', async () => {
    const s = await settings();
    const saved = await t.request('admin', 'PUT', '/api/v1/settings/churn', {
      ...s,
      alerts: { ...s.alerts, cancellationNotice: false, openCasesAtLeast: 0, badRatingDays: 0 },
    });
    expect(saved.status).toBe(200);
    t.clock.advance(DAY);
    await runNow();
    const ids = (await atRisk()).map((i) => i.customerId);
    for (const id of [steady.cancelled, steady.complaint, steady.detractor]) expect(ids).not.toContain(id);
  });
});
