// The at-risk list judged on real data no one here wrote: the CDNOW sample (2,357 customers, 6,919
// purchases; test/fixtures/cdnow/CDNOW_sample.txt, see its README) imported through the product's
// importers, scored in weeks to 1997-09-30, and the list read through the API compared with what each
// customer did in the 39 weeks after the cut (the standard CDNOW holdout).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { fixturePath } from './models/fixtures.js';

const CUT = '19970930';
/** Fader, Hardie & Lee (2005), BG/NBD on this sample. */
const PUBLISHED = { r: 0.24259, alpha: 4.4136, a: 0.79292, b: 2.42591, logLikelihood: -9582.43 };

type Item = { customerId: string; repeatPurchases: number; list: 'call' | 'watch'; rankMinor: number };

describe('the at-risk list on the CDNOW sample', () => {
  let t: TestApp;
  const rows = fs
    .readFileSync(fixturePath('CDNOW_sample.txt'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/));
  const sampleIds = [...new Set(rows.map((r) => r[1]))];
  /** Sample ids of the customers who bought in the 39 weeks after the cut. */
  const boughtAfter = new Set(rows.filter((r) => r[2] > CUT).map((r) => r[1]));
  /** Sample id by customer id (from the import's external reference). */
  const sampleOf = new Map<string, string>();

  const wholeList = async (): Promise<Item[]> => {
    const items: Item[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.request(
        'manager',
        'GET',
        `/api/v1/churn/at-risk?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };
  const score = async (body: Record<string, unknown>) => {
    expect((await t.request('manager', 'POST', '/api/v1/churn/runs', body)).status).toBe(202);
    await t.drainJobs();
  };
  /** Share of customers who bought nothing after the cut. */
  const noPurchase = (ids: string[]) =>
    ids.filter((id) => !boughtAfter.has(sampleOf.get(id)!)).length / Math.max(1, ids.length);

  beforeAll(async () => {
    t = await startTestApp({ now: '1998-07-01T09:00:00.000Z' });
    const customers = ['external_ref,name', ...sampleIds.map((id) => `CD-${id},CDNOW ${id}`)].join('\n');
    const c = await t.request('manager', 'POST', '/api/v1/imports/customers', customers, {
      'content-type': 'text/csv',
    });
    expect(c.body.created).toBe(2357);
    const day = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T12:00:00Z`;
    const purchases = [
      'external_id,customer_ref,purchased_at,amount_minor,currency,kind',
      ...rows.map(
        (r, i) => `CDP-${i + 1},CD-${r[1]},${day(r[2])},${Math.round(Number(r[4]) * 100)},EUR,sale`,
      ),
    ].join('\n');
    const p = await t.request('manager', 'POST', '/api/v1/imports/purchases', purchases, {
      'content-type': 'text/csv',
    });
    expect(p.body.created).toBe(6919);
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await t.request(
        'manager',
        'GET',
        `/api/v1/customers?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const x of page.body.items) sampleOf.set(x.id, String(x.externalRef).slice(3));
      cursor = page.body.nextCursor ?? undefined;
    }
    expect(sampleOf.size).toBe(2357);
  }, 300_000);
  afterAll(() => t?.close());

  it('reproduces the published BG/NBD estimates and flags a list that mostly holds customers who stopped buying', async () => {
    // The issue's command: weeks, no holdout inside the data, BG/NBD, cut at 1997-09-30.
    await score({
      calibrationEnd: '1997-09-30T23:00:00.000Z',
      unit: 'week',
      holdoutWeeks: 0,
      models: ['bgnbd'],
    });
    const [run] = (await t.request('manager', 'GET', '/api/v1/churn/runs?limit=1')).body.items;
    expect(run.params.r).toBeCloseTo(PUBLISHED.r, 3);
    expect(run.params.alpha).toBeCloseTo(PUBLISHED.alpha, 2);
    expect(run.params.a).toBeCloseTo(PUBLISHED.a, 3);
    expect(run.params.b).toBeCloseTo(PUBLISHED.b, 2);
    expect(Math.abs(run.logLikelihood - PUBLISHED.logLikelihood)).toBeLessThan(0.01);

    const list = await wholeList();
    // A list a team can work: at most a quarter of the base flagged.
    expect(list.length).toBeGreaterThan(0);
    expect(list.length / 2357).toBeLessThanOrEqual(0.25);
    // Repeat customers: those with a purchase day after their first one before the cut (BTYD's x ≥ 1).
    const scores = await Promise.all(
      [...sampleOf.keys()].map(async (id) => ({ id, score: (await scoreOf(id)) ?? null })),
    );
    const repeat = scores.filter((s) => s.score && s.score.x >= 1).map((s) => s.id);
    expect(repeat).toHaveLength(946);
    const base = noPurchase(repeat);
    const flaggedRepeat = list.filter((i) => i.repeatPurchases >= 1).map((i) => i.customerId);
    expect(noPurchase(flaggedRepeat)).toBeGreaterThanOrEqual(1.25 * base);
    const top = list.slice(0, 100);
    expect(noPurchase(top.map((i) => i.customerId))).toBeGreaterThanOrEqual(0.6);
    expect(top.filter((i) => i.repeatPurchases >= 1).length).toBeGreaterThanOrEqual(90);
    // The capacity (50 calls a week by default) became retention tasks, the top of the ranking.
    expect(list.filter((i) => i.list === 'call')).toHaveLength(50);
    expect(list.slice(0, 50).every((i) => i.list === 'call')).toBe(true);
  }, 300_000);

  it('chooses the threshold on a holdout held back inside the data and reports how well the list picked leavers', async () => {
    await score({
      calibrationEnd: '1997-09-30T23:00:00.000Z',
      unit: 'week',
      holdoutWeeks: 26,
      models: ['bgnbd'],
    });
    const d = (await t.request('manager', 'GET', '/api/v1/churn/diagnostics')).body;
    const check = d.listCheck;
    expect(check).toMatchObject({
      available: true,
      thresholdChosenOn: 'holdout',
      calibrationEnd: '1997-04-01',
    });
    const best = Math.max(
      ...check.candidates.filter((c: any) => c.customers >= 10).map((c: any) => c.lowerBound),
    );
    expect(check.candidates.find((c: any) => c.pAliveBelow === check.pAliveBelow).lowerBound).toBe(best);
    expect(check.flagged.lift).toBeCloseTo(
      check.flagged.noPurchaseShare / check.repeatCustomers.noPurchaseShare,
      10,
    );
    expect(check.flagged.lift).toBeGreaterThan(1.25);
    // Judged on the real 39 weeks after the cut, the list from that threshold still picks leavers.
    const list = await wholeList();
    expect(list.length / 2357).toBeLessThanOrEqual(0.25);
    const repeat = list.filter((i) => i.repeatPurchases >= 1).map((i) => i.customerId);
    const all = [...sampleOf.keys()];
    const allRepeat = (
      await Promise.all(all.map(async (id) => (((await scoreOf(id))?.x ?? 0) >= 1 ? id : null)))
    ).filter((id): id is string => id !== null);
    expect(noPurchase(repeat)).toBeGreaterThanOrEqual(1.25 * noPurchase(allRepeat));
  }, 300_000);

  async function scoreOf(customerId: string): Promise<{ x: number } | undefined> {
    const res = await t.request('manager', 'GET', `/api/v1/churn/customers/${customerId}`);
    return res.body.items[0];
  }
});
