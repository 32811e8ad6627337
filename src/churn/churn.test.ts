import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { createApiToken, createUser } from '../platform/auth/users.service.js';
import { inTransaction } from '../platform/context.js';
import { recordPurchase, scanPurchasesByCustomer } from '../purchases/purchases.service.js';
import { inIdOrder, purchaseDaySummary, summarisePurchases } from './churn.summary.js';
import { summariseEventLog } from './models/index.js';

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;
const CUSTOMERS = 60;

type Posted = { customerId: string; purchasedAt: string; amountMinor: number };

describe('churn early warning in the product', () => {
  let t: TestApp;
  const posted: Posted[] = [];
  const customers: Array<{ id: string; lapsed: boolean }> = [];
  let purchaseNo = 0;
  let englishToken = '';

  const buy = async (customerId: string, at: Date, amountMinor: number) => {
    const res = await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: `P-${++purchaseNo}`,
      customerId,
      purchasedAt: at.toISOString(),
      amountMinor,
      currency: 'EUR',
      kind: 'sale',
    });
    expect(res.status).toBe(201);
    posted.push({ customerId, purchasedAt: res.body.purchasedAt, amountMinor });
  };
  const runNow = async () => {
    const res = await t.request('manager', 'POST', '/api/v1/churn/runs', {});
    expect(res.status).toBe(202);
    await t.drainJobs();
  };
  const asEnglish = (url: string) =>
    t.request(null, 'GET', url, undefined, { authorization: `Bearer ${englishToken}` });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const now = Date.parse(NOW);
    // 60 customers over two years, each with their own purchase rhythm (exponential gaps around a
    // personal mean); every third stopped buying about a year ago (overdue, falling P(alive)); some
    // buy twice on one day (merged into one purchase day by the summary). Fixed seed.
    let seed = 20_260_302;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let k = 0; k < CUSTOMERS; k++) {
      const lapsed = k % 3 === 0;
      const since = now - (730 - Math.floor(rnd() * 300)) * DAY;
      const c = await t.request('agent', 'POST', '/api/v1/customers', {
        name: `Churn Kunde ${String(k).padStart(2, '0')}`,
        ownerId: k % 2 === 0 ? t.staff.manager.id : t.staff.agent.id,
        customerSince: new Date(since).toISOString(),
      });
      customers.push({ id: c.body.id, lapsed });
      const meanGap = 14 + 120 * rnd() ** 2;
      const stop = lapsed ? now - (330 + rnd() * 60) * DAY : now - DAY;
      const spend = 3_000 + Math.floor(rnd() * 30_000);
      let at = since + 10 * 3_600_000;
      for (let n = 0; at <= stop && n < 14; n++) {
        await buy(c.body.id, new Date(at), Math.round(spend * (0.5 + rnd())));
        if (rnd() < 0.15) await buy(c.body.id, new Date(at + 3_600_000), 1_500);
        at += Math.ceil(-Math.log(1 - rnd()) * meanGap) * DAY;
      }
    }
    const user = await createUser(t.ctx, {
      email: 'english@example.test',
      name: 'Emma English',
      role: 'manager',
      locale: 'en',
      password: 'correct horse battery staple',
    });
    englishToken = (await createApiToken(t.ctx, user.id, 'english')).token;
    // All three candidates (the default), Pareto/NBD included: on these near-regular customers its fit
    // runs to the common-dropout limit (s, β → ∞), which used to take minutes.
  }, 120_000);
  afterAll(() => t.close());

  it('builds the same (x, t_x, T, spend) in SQL as the pure summary, same-day purchases merged', async () => {
    const options = { calibrationEnd: '2025-09-01', holdoutEnd: '2026-03-02', unitDays: 7 };
    const sqlRows = await summarisePurchases(t.ctx, options);
    const pure = summariseEventLog(
      posted.map((p) => ({
        customerId: p.customerId,
        date: p.purchasedAt.slice(0, 10),
        amount: p.amountMinor,
      })),
      options,
    ).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(sqlRows.map((r) => r.id)).toEqual(pure.map((r) => r.id));
    for (let i = 0; i < pure.length; i++) {
      expect(sqlRows[i].x).toBe(pure[i].x);
      expect(sqlRows[i].xHoldout).toBe(pure[i].xHoldout);
      expect(sqlRows[i].tx).toBeCloseTo(pure[i].tx, 10);
      expect(sqlRows[i].T).toBeCloseTo(pure[i].T, 10);
      expect(sqlRows[i].monetary).toBeCloseTo(pure[i].monetary, 6);
    }
    expect(posted.length).toBeGreaterThan(
      new Set(posted.map((p) => `${p.customerId}|${p.purchasedAt.slice(0, 10)}`)).size,
    );
  });

  it('streams every purchase grouped by customer and in time order, also across small batches', async () => {
    const seen: Array<{ c: string; at: string; amount: number }> = [];
    const n = await scanPurchasesByCustomer(
      t.ctx,
      { until: '2026-03-03T00:00:00Z', batch: 7 },
      (c, at, amount) => seen.push({ c, at, amount }),
    );
    expect(n).toBe(posted.length);
    const finished = new Set<string>();
    for (let i = 1; i < seen.length; i++) {
      if (seen[i].c !== seen[i - 1].c) {
        expect(finished.has(seen[i].c)).toBe(false);
        finished.add(seen[i - 1].c);
      } else expect(seen[i].at >= seen[i - 1].at).toBe(true);
    }
    const key = (p: { c: string; at: string; amount: number }) => `${p.c}|${p.at}|${p.amount}`;
    expect(seen.map(key).sort()).toEqual(
      posted.map((p) => key({ c: p.customerId, at: p.purchasedAt, amount: p.amountMinor })).sort(),
    );
  });

  it("sees a transaction's own uncommitted purchases when streamed inside that transaction", async () => {
    const customer = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Im Vorgang' });
    expect(customer.status).toBe(201);
    const seen = await inTransaction(t.ctx, async (tx) => {
      await recordPurchase(tx, {
        externalId: 'scan-in-tx',
        customerId: customer.body.id,
        purchasedAt: '2026-03-01T10:00:00Z',
        amountMinor: 4_200,
        currency: 'EUR',
        kind: 'sale',
      });
      const mine: number[] = [];
      await scanPurchasesByCustomer(tx, { until: '2026-03-03T00:00:00Z' }, (c, _at, amount) => {
        if (c === customer.body.id) mine.push(amount);
      });
      throw Object.assign(new Error('roll back'), { mine });
    }).catch((err: { mine?: number[] }) => err.mine);
    expect(seen).toEqual([4_200]);
  });

  it('gives the summary customers in binary id order on either database (the fit samples depend on it)', async () => {
    const s = await purchaseDaySummary(t.ctx, { cutoffs: ['2025-09-01', '2026-03-02'], gaps: true });
    expect(s.ids).toEqual([...s.ids].sort());
    expect(s.ids).toHaveLength(CUSTOMERS);
    expect(s.rows).toBe(posted.length);
  });

  it('reorders a summary that came in another collation by binary id, day lists moving with their customers', async () => {
    const s = await purchaseDaySummary(t.ctx, { cutoffs: ['2026-03-02'], gaps: true });
    const rev = [...s.ids.keys()].reverse();
    const pick = (a: Float64Array) => Float64Array.from(rev, (i) => a[i]);
    const lists = rev.map((i) => Array.from(s.listDays.subarray(s.listStart[i], s.listStart[i + 1])));
    const listStart = [0];
    for (const l of lists) listStart.push(listStart[listStart.length - 1] + l.length);
    const reversed = {
      ...s,
      ids: rev.map((i) => s.ids[i]),
      firstDay: pick(s.firstDay),
      firstSpend: pick(s.firstSpend),
      days: s.days.map(pick),
      lastDay: s.lastDay.map(pick),
      spend: s.spend.map(pick),
      medianGapDays: pick(s.medianGapDays),
      listStart: Uint32Array.from(listStart),
      listDays: Int32Array.from(lists.flat()),
    };
    expect(reversed.ids).not.toEqual(s.ids);
    const back = inIdOrder(reversed);
    expect(back.ids).toEqual(s.ids);
    expect(Array.from(back.listStart)).toEqual(Array.from(s.listStart));
    expect(Array.from(back.listDays)).toEqual(Array.from(s.listDays));
    expect(Array.from(back.days[0])).toEqual(Array.from(s.days[0]));
    expect(Array.from(back.medianGapDays)).toEqual(Array.from(s.medianGapDays));
  });

  it('converts to the chosen time unit (a month is 30.4375 days)', async () => {
    const weeks = await summarisePurchases(t.ctx, { calibrationEnd: '2026-03-02', unitDays: 7 });
    const months = await summarisePurchases(t.ctx, { calibrationEnd: '2026-03-02', unitDays: 30.4375 });
    const pure = summariseEventLog(
      posted.map((p) => ({
        customerId: p.customerId,
        date: p.purchasedAt.slice(0, 10),
        amount: p.amountMinor,
      })),
      { calibrationEnd: '2026-03-02', unitDays: 30.4375 },
    );
    for (let i = 0; i < weeks.length; i++) {
      expect(months[i].T).toBeCloseTo((weeks[i].T * 7) / 30.4375, 10);
      expect(months[i].T).toBeCloseTo(pure.find((p) => p.id === months[i].id)!.T, 10);
    }
  });

  it('forbids agents to trigger a run or change the settings', async () => {
    expect((await t.request('agent', 'POST', '/api/v1/churn/runs', {})).status).toBe(403);
    const settings = await t.request('admin', 'GET', '/api/v1/settings/churn');
    expect((await t.request('agent', 'PUT', '/api/v1/settings/churn', settings.body)).status).toBe(403);
    expect((await t.request('manager', 'PUT', '/api/v1/settings/churn', settings.body)).status).toBe(403);
  });

  it('rejects an invalid threshold naming the field and keeps the settings', async () => {
    const before = await t.request('admin', 'GET', '/api/v1/settings/churn');
    const res = await t.request('admin', 'PUT', '/api/v1/settings/churn', {
      ...before.body,
      alerts: { ...before.body.alerts, pAliveBelow: 1.5 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).join(' ')).toContain('pAliveBelow');
    expect((await t.request('admin', 'GET', '/api/v1/settings/churn')).body).toEqual(before.body);
  });

  it('stores a run with the chosen model, holdout errors per candidate and a score per customer', async () => {
    await runNow();
    const runs = await t.request('agent', 'GET', '/api/v1/churn/runs');
    expect(runs.body.items).toHaveLength(1);
    const run = runs.body.items[0];
    expect(run.selection).toBe('holdout');
    expect(run.holdoutErrors.map((e: { model: string }) => e.model).sort()).toEqual([
      'bgnbd',
      'mbgnbd',
      'pnbd',
    ]);
    const maes = run.holdoutErrors.map((e: { meanAbsoluteError: number | null }) => e.meanAbsoluteError);
    const best = Math.min(...maes.filter((v: number | null) => v !== null));
    expect(run.holdoutErrors.find((e: { model: string }) => e.model === run.model).meanAbsoluteError).toBe(
      best,
    );
    expect(run.customers).toBe(CUSTOMERS);
    const detail = await t.request('agent', 'GET', `/api/v1/churn/runs/${run.id}`);
    expect(Object.keys(detail.body.params).length).toBe(4);
    const history = await t.request('agent', 'GET', `/api/v1/churn/customers/${customers[1].id}`);
    expect(history.body.items).toHaveLength(1);
    const score = history.body.items[0];
    expect(score.pAlive).toBeGreaterThanOrEqual(0);
    expect(score.pAlive).toBeLessThanOrEqual(1);
    expect(score.clvMinor).toBeGreaterThan(0);
    expect(score.unit).toBe('week');
  });

  it('reports the latest completed run on /metrics: its duration (the sum of its phases) and when it ran', async () => {
    const [run] = (await t.request('agent', 'GET', '/api/v1/churn/runs?limit=1')).body.items;
    const detail = await t.request('agent', 'GET', `/api/v1/churn/runs/${run.id}`);
    const seconds = detail.body.phases.reduce((sum: number, p: { seconds: number }) => sum + p.seconds, 0);
    expect(seconds).toBeGreaterThan(0);
    const text = await t.metrics.text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('stammkunde_churn_scoring_run_duration_seconds')).toBeCloseTo(seconds, 6);
    expect(value('stammkunde_churn_scoring_run_last_completed_timestamp_seconds')).toBe(
      Date.parse(run.at) / 1000,
    );
  });

  const SIGNALS = ['cancellation_notice', 'open_cases', 'bad_rating'];
  it('lists customers at risk in ranking order with reasons in German for a German user', async () => {
    const res = await t.request('agent', 'GET', '/api/v1/churn/at-risk?limit=500');
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{
      valueAtRiskMinor: number;
      clvMinor: number;
      valueIfStaysMinor: number;
      rankMinor: number;
      reasons: Array<{ code: string; text: string }>;
      customerId: string;
    }>;
    expect(items.length).toBeGreaterThan(0);
    const ranks = items.map((i) => i.rankMinor);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // One definition: CLV + value at risk = value if the customer stays (no explicit signal raised it).
    const modelOnly = items.filter((i) => i.reasons.every((r) => !SIGNALS.includes(r.code)));
    expect(modelOnly.length).toBeGreaterThan(0);
    for (const i of modelOnly) expect(i.clvMinor + i.valueAtRiskMinor).toBe(i.valueIfStaysMinor);
    // The list is ranked by the value at risk it shows.
    expect(items.map((i) => i.rankMinor)).toEqual(items.map((i) => i.valueAtRiskMinor));
    const lapsedIds = new Set(customers.filter((c) => c.lapsed).map((c) => c.id));
    expect(items.some((i) => lapsedIds.has(i.customerId))).toBe(true);
    const texts = items.flatMap((i) => i.reasons.map((r) => r.text)).join('\n');
    expect(texts).toMatch(/gefährdeter Wert [\d.]+\u00a0€: Kundenwert, wenn der Kunde bleibt/);
    expect(texts).toMatch(
      /Wahrscheinlichkeit, dass der Kunde noch bei uns kauft: (nur \d+\u00a0%|unter 1\u00a0%)/,
    );
    expect(texts).toMatch(
      /kauft sonst (alle \d+ (Wochen|Tage)|jede Woche|jeden Tag), zuletzt vor \d+ (Wochen|Tagen)/,
    );
    expect(texts).not.toContain('value at risk');
    expect(texts).not.toMatch(/P\(aktiv\)|-Rhythmus/);
  });

  it('gives the reasons in English to an English user', async () => {
    const res = await asEnglish('/api/v1/churn/at-risk');
    expect(res.status).toBe(200);
    const texts = res.body.items
      .flatMap((i: { reasons: Array<{ text: string }> }) => i.reasons.map((r) => r.text))
      .join('\n');
    expect(texts).toMatch(
      /value at risk €[\d,]+: value if the customer stays \(€[\d,]+\) × probability that they are gone \(\d+%\)/,
    );
    expect(texts).toMatch(
      /usually buys every (\d+ )?(weeks?|days?), last bought \d+ (weeks|days) ago: \d+ (weeks?|days?) overdue/,
    );
  });

  it('filters the at-risk list by owner and pages through it without repeats', async () => {
    const all = await t.request(
      'agent',
      'GET',
      `/api/v1/churn/at-risk?limit=500&ownerId=${t.staff.manager.id}`,
    );
    expect(all.body.items.every((i: { ownerId: string }) => i.ownerId === t.staff.manager.id)).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ customerId: string }>; nextCursor: string | null } } =
        await t.request(
          'agent',
          'GET',
          `/api/v1/churn/at-risk?limit=2&ownerId=${t.staff.manager.id}${cursor ? `&cursor=${cursor}` : ''}`,
        );
      seen.push(...page.body.items.map((i) => i.customerId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((i: { customerId: string }) => i.customerId));
  });

  it('creates a retention task for the owner of an alerted customer', async () => {
    const list = await t.request('agent', 'GET', '/api/v1/churn/at-risk?limit=500');
    const alerted = list.body.items.find((i: { taskId: string | null }) => i.taskId);
    expect(alerted).toBeDefined();
    const task = await t.request('manager', 'GET', `/api/v1/tasks/${alerted.taskId}`);
    expect(task.body.source).toBe('churn_retention');
    expect(task.body.assigneeId).toBe(alerted.ownerId);
    expect(task.body.dedupeKey).toBe(`churn:${alerted.customerId}`);
  });

  it('shows the change in the score history after a second run with new purchases', async () => {
    const lapsed = customers.find((c) => c.lapsed)!;
    const before = (await t.request('agent', 'GET', `/api/v1/churn/customers/${lapsed.id}`)).body.items[0];
    await buy(lapsed.id, new Date(Date.parse(NOW) - 3_600_000), 20_000);
    t.clock.advance(DAY);
    await runNow();
    const history = (await t.request('agent', 'GET', `/api/v1/churn/customers/${lapsed.id}`)).body.items;
    expect(history).toHaveLength(2);
    expect(history[0].x).toBe(before.x + 1);
    expect(history[0].previousPAlive).toBeCloseTo(before.pAlive, 10);
    expect(history[0].pAlive).toBeGreaterThan(before.pAlive);
  });

  it('keeps one retention task per customer after two runs', async () => {
    const tasks = await t.request('admin', 'GET', '/api/v1/tasks?source=churn_retention&limit=500');
    const perCustomer = new Map<string, number>();
    for (const task of tasks.body.items)
      perCustomer.set(task.customerId, (perCustomer.get(task.customerId) ?? 0) + 1);
    expect(perCustomer.size).toBeGreaterThan(0);
    expect([...perCustomer.values()].every((n) => n === 1)).toBe(true);
    const runs = await t.request('agent', 'GET', '/api/v1/churn/runs');
    expect(runs.body.items).toHaveLength(2);
  });

  it('leaves lost and erased customers out of the at-risk list', async () => {
    const list = (await t.request('agent', 'GET', '/api/v1/churn/at-risk?limit=500')).body.items;
    const [lost, erased] = [list[0].customerId, list[1].customerId];
    await t.request('agent', 'PATCH', `/api/v1/customers/${lost}`, { status: 'lost' });
    expect((await t.request('admin', 'POST', `/api/v1/customers/${erased}/erase`)).status).toBe(204);
    const after = (await t.request('agent', 'GET', '/api/v1/churn/at-risk?limit=500')).body.items.map(
      (i: { customerId: string }) => i.customerId,
    );
    expect(after).not.toContain(lost);
    expect(after).not.toContain(erased);
    expect((await t.request('agent', 'GET', `/api/v1/churn/customers/${erased}`)).body.items).toEqual([]);
  });

  it('exports a customer’s scores with the GDPR export', async () => {
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${customers[2].id}/export`);
    expect(exp.status).toBe(200);
    expect(exp.body.data.churn.scores).toHaveLength(2);
  });

  it('answers diagnostics: holdout by frequency, cumulative tracking and the parameter report', async () => {
    const res = await t.request('agent', 'GET', '/api/v1/churn/diagnostics');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.available).toBe(true);
    expect(d.byFrequency.map((b: { x: string }) => b.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(d.byFrequency.reduce((s: number, b: { customers: number }) => s + b.customers, 0)).toBeGreaterThan(
      0,
    );
    expect(d.tracking.length).toBeGreaterThan(26);
    const cum = d.tracking.map((p: { cumulativeActual: number }) => p.cumulativeActual);
    expect(cum).toEqual([...cum].sort((a: number, b: number) => a - b));
    const actualRepeats = d.tracking.reduce((s: number, p: { actual: number }) => s + p.actual, 0);
    expect(actualRepeats).toBe(d.tracking[d.tracking.length - 1].cumulativeActual);
    expect(Object.keys(d.parameters.params)).toHaveLength(4);
    expect(d.holdoutErrors).toHaveLength(3);
    const byId = await t.request('agent', 'GET', `/api/v1/churn/diagnostics?runId=${d.runId}`);
    expect(byId.body.runId).toBe(d.runId);
    expect((await t.request('agent', 'GET', '/api/v1/churn/diagnostics?runId=chr_nothing')).status).toBe(404);
  });
});
