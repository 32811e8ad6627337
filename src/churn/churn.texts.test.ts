// Churn texts are stored as keys + parameters and worded when read: the at-risk task and the
// at-risk reasons made while German users run scoring read in English for an English reader and in
// German for a German one; the customer's name is never stored in them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { createTask, getStoredTask } from '../tasks/tasks.service.js';

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;
const EN = { 'accept-language': 'en-GB,en;q=0.9' };
const DE = { 'accept-language': 'de-DE,de;q=0.9' };
const NAME = 'Gisela Abwanderung';

type Item = { customerId: string; reasons: Array<{ code: string; text: string }>; taskId: string | null };

describe('churn texts in the reader language', () => {
  let t: TestApp;
  let purchaseNo = 0;
  let leaving = '';

  const buy = async (customerId: string, at: number, amountMinor: number) => {
    const res = await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: `T-${++purchaseNo}`,
      customerId,
      purchasedAt: new Date(at).toISOString(),
      amountMinor,
      currency: 'EUR',
      kind: 'sale',
    });
    expect(res.status).toBe(201);
  };
  const customer = async (name: string, sinceDaysAgo: number) => {
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name,
      ownerId: t.staff.agent.id,
      customerSince: new Date(Date.parse(NOW) - sinceDaysAgo * DAY).toISOString(),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const itemOf = async (headers: Record<string, string>): Promise<Item> => {
    const res = await t.request('manager', 'GET', '/api/v1/churn/at-risk?limit=500', undefined, headers);
    expect(res.status).toBe(200);
    return (res.body.items as Item[]).find((i) => i.customerId === leaving)!;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const now = Date.parse(NOW);
    // Background for the fit: 24 customers with exponential gaps around their own mean, every
    // third lapsed about a year ago. Fixed seed.
    let seed = 1_111;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let k = 0; k < 24; k++) {
      const since = 730 - Math.floor(rnd() * 300);
      const id = await customer(`Hintergrund ${k}`, since);
      const meanGap = 14 + 120 * rnd() ** 2;
      const stop = k % 3 === 0 ? now - (330 + rnd() * 60) * DAY : now - DAY;
      let at = now - since * DAY + 10 * 3_600_000;
      for (let n = 0; at <= stop && n < 12; n++) {
        await buy(id, at, 2_000 + Math.floor(rnd() * 20_000));
        at += Math.ceil(-Math.log(1 - rnd()) * meanGap) * DAY;
      }
    }
    // A steady buyer who cancelled a contract: at risk by the signal, not by the model.
    leaving = await customer(NAME, 400);
    for (let d = 366; d >= 2; d -= 21) await buy(leaving, now - d * DAY, 15_000);
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
      customerId: leaving,
      productCode: 'WARTUNG',
      priceMinor: 2900,
      currency: 'EUR',
      billingPeriod: 'month',
      startedAt: '2025-01-01T00:00:00Z',
      renewsAt: '2026-06-01T00:00:00Z',
    });
    expect(contract.status).toBe(201);
    const cancelled = await t.request('agent', 'POST', `/api/v1/contracts/${contract.body.id}/cancel`, {
      reason: 'Zu teuer',
    });
    expect(cancelled.status).toBe(200);
    const s = (await t.request('admin', 'GET', '/api/v1/settings/churn')).body;
    const saved = await t.request('admin', 'PUT', '/api/v1/settings/churn', {
      ...s,
      scoring: { ...s.scoring, models: ['bgnbd'], holdoutWeeks: 0 },
    });
    expect(saved.status).toBe(200);
    // German users all round: the manager runs the scoring, the agent owns the customer.
    for (const role of ['agent', 'manager'] as const)
      expect(
        (await t.request('admin', 'PATCH', `/api/v1/users/${t.staff[role].id}`, { locale: 'de' })).status,
      ).toBe(200);
    expect((await t.request('manager', 'POST', '/api/v1/churn/runs', {})).status).toBe(202);
    await t.drainJobs();
  }, 120_000);
  afterAll(() => t.close());

  it('words the at-risk reasons in English for an English reader and in German for a German one', async () => {
    const en = await itemOf(EN);
    expect(en.reasons.map((r) => r.text)).toContain(
      'cancellation notice received: Maintenance plan; the contract runs until 1 June 2026',
    );
    // The value at risk is an estimate: whole euros, no cents.
    expect(en.reasons.find((r) => r.code === 'value')!.text).toMatch(
      /^value at risk €[\d,]+: value if the customer stays \(€[\d,]+\)/,
    );
    const de = await itemOf(DE);
    expect(de.reasons.map((r) => r.text)).toContain(
      'Kündigung eingegangen: Wartungsvertrag; der Vertrag läuft bis 1. Juni 2026',
    );
    expect(de.reasons.find((r) => r.code === 'value')!.text).toMatch(
      /^gefährdeter Wert [\d.]+\u00a0€: Kundenwert, wenn der Kunde bleibt \([\d.]+\u00a0€\)/,
    );
  });

  it('words the at-risk task made by a German run in English for an English reader and in German for a German one', async () => {
    const { taskId } = await itemOf(DE);
    expect(taskId).not.toBeNull();
    const en = await t.request('agent', 'GET', `/api/v1/tasks/${taskId}`, undefined, EN);
    expect(en.body.title).toMatch(/^Customer is slipping away: retention call \(€[\d,]+ at risk\)$/);
    expect(en.body.titleKey).toBe('churn:task.title');
    expect(en.body.description).toContain(
      '\n- cancellation notice received: Maintenance plan; the contract runs until 1 June 2026',
    );
    const de = await t.request('agent', 'GET', `/api/v1/tasks/${taskId}`, undefined, DE);
    expect(de.body.title).toMatch(/^Kunde springt ab: Rückgewinnungsanruf \([\d.]+\u00a0€ gefährdet\)$/);
    expect(de.body.description).toContain(
      '\n- Kündigung eingegangen: Wartungsvertrag; der Vertrag läuft bis 1. Juni 2026',
    );
  });

  it('stores the at-risk task as keys and parameters without the customer name', async () => {
    const { taskId } = await itemOf(DE);
    const stored = await getStoredTask(t.ctx, taskId!);
    expect(stored.title_key).toBe('churn:task.title');
    expect(stored.description_key).toBe('churn:task.description');
    expect(stored.title).toBe('');
    expect(stored.description).toBeNull();
    expect(JSON.stringify(stored)).not.toContain('Abwanderung');
  });

  it('labels the churn alert in the customer audit trail in the reader language', async () => {
    const label = async (headers: Record<string, string>) => {
      const res = await t.request('agent', 'GET', `/api/v1/customers/${leaving}/audit`, undefined, headers);
      expect(res.status).toBe(200);
      return res.body.items.find((e: { entityType: string }) => e.entityType === 'churn_alert')?.label;
    };
    expect(await label(EN)).toBe('Churn alert raised (retention task created)');
    expect(await label(DE)).toBe('Churn-Warnung ausgelöst (Rückgewinnungsaufgabe angelegt)');
  });

  it('reads a retention task stored as words before the texts became keys as it was stored', async () => {
    const other = await customer('Vorher Kunde', 100);
    const old = await createTask(t.ctx, {
      customerId: other,
      title: 'Kunde springt ab: Rückgewinnungsanruf (1.235 € gefährdet)',
      description: 'Die Churn-Frühwarnung hat diesen Kunden gemeldet:\n- gefährdeter Wert 1.235 €',
      source: 'churn_retention',
    });
    const en = await t.request('agent', 'GET', `/api/v1/tasks/${old.id}`, undefined, EN);
    expect(en.body.title).toBe('Kunde springt ab: Rückgewinnungsanruf (1.235 € gefährdet)');
    expect(en.body.titleKey).toBeNull();
    expect(en.body.description).toBe(
      'Die Churn-Frühwarnung hat diesen Kunden gemeldet:\n- gefährdeter Wert 1.235 €',
    );
  });
});
