// Historic survey answers imported through the API (synchronously and with Prefer: respond-async):
// rejected rows reported with their lines, idempotent, and the repurchase matrix shows figures at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const csv = (lines: string[]) => `${lines.join('\n')}\n`;

const CUSTOMERS = csv([
  'external_ref,name,customer_since',
  'H-1,Hanna Eins,2022-01-10',
  'H-2,Hugo Zwei,2022-01-10',
  'H-3,Heidi Drei,2022-01-10',
  'H-4,Horst Vier,2022-01-10',
]);

// Everyone bought a car in May 2022; H-1 and H-3 bought again in January 2024.
const PURCHASES = csv([
  'external_id,customer_ref,purchased_at,amount_minor,currency,kind',
  'HP-1,H-1,2022-05-02T10:00:00Z,2500000,EUR,sale',
  'HP-2,H-2,2022-05-03T10:00:00Z,2100000,EUR,sale',
  'HP-3,H-3,2022-05-04T10:00:00Z,2700000,EUR,sale',
  'HP-4,H-4,2022-05-05T10:00:00Z,1900000,EUR,sale',
  'HP-5,H-1,2024-01-15T10:00:00Z,3100000,EUR,sale',
  'HP-6,H-3,2024-01-20T10:00:00Z,2900000,EUR,sale',
]);

// Sale CSAT after the purchase, after-sales CSAT after the first service (June 2023).
const ANSWERS = [
  'customer_ref,survey,score,answered_at',
  'H-1,sale_csat,5,2022-05-10T08:00:00Z',
  'H-2,sale_csat,4,2022-05-11T08:00:00Z',
  'H-3,sale_csat,2,2022-05-12T08:00:00Z',
  'H-4,sale_csat,1,2022-05-13T08:00:00Z',
  'H-1,after_sales_csat,5,2023-06-01T08:00:00Z',
  'H-2,after_sales_csat,2,2023-06-02T08:00:00Z',
  'H-3,after_sales_csat,4,2023-06-03T08:00:00Z',
  'H-4,after_sales_csat,1,2023-06-04T08:00:00Z',
];
const BAD = [
  'H-9,sale_csat,5,2022-05-10T08:00:00Z',
  'H-1,sale_csat,9,2022-05-10T08:00:00Z',
  'H-1,kiosk_csat,3,2022-05-10T08:00:00Z',
  'H-1,after_sales_csat,3,2027-01-01T08:00:00Z',
  'H-2,exit_interview,3,2023-01-01T08:00:00Z',
];

describe('surveys: historic answers import', () => {
  let t: TestApp;
  const upload = (entity: string, body: string, query = '', headers: Record<string, string> = {}) =>
    t.request('manager', 'POST', `/api/v1/imports/${entity}${query}`, body, {
      'content-type': 'text/csv',
      ...headers,
    });
  const matrix = async () =>
    (await t.request('agent', 'GET', '/api/v1/metrics/repurchase-matrix?months=24')).body.cells as Array<{
      saleSatisfied: boolean;
      afterSalesSatisfied: boolean;
      n: number;
      repurchased: number;
      rate: number | null;
    }>;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    expect((await upload('customers', CUSTOMERS)).body).toMatchObject({ created: 4, rejected: 0 });
    expect((await upload('purchases', PURCHASES)).body).toMatchObject({ created: 6, rejected: 0 });
  });
  afterAll(() => t.close());

  it('rejects a file with bad rows as a whole, naming each line and field, and writes nothing', async () => {
    const res = await upload('survey-answers', csv([...ANSWERS, ...BAD]));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.report.rejectedRows).toEqual([
      { line: 10, field: 'customer_ref', reason: expect.stringContaining('no customer') },
      { line: 11, field: 'score', reason: 'must be at most 5' },
      { line: 12, field: 'survey', reason: 'no survey definition with this code' },
      { line: 13, field: 'answered_at', reason: 'lies in the future' },
      { line: 14, field: 'survey', reason: expect.stringContaining('no score scale') },
    ]);
    const answers = await t.request('agent', 'GET', '/api/v1/surveys/answers');
    expect(answers.body.items).toEqual([]);
  });

  it('imports the good rows with skipInvalid, and the repurchase matrix shows figures at once', async () => {
    expect((await matrix()).every((c) => c.n === 0 && c.rate === null)).toBe(true);
    const res = await upload('survey-answers', csv([...ANSWERS, ...BAD]), '?skipInvalid=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entity: 'survey-answers',
      imported: true,
      rowsRead: 13,
      created: 8,
      alreadyPresent: 0,
      rejected: 5,
    });
    expect(res.body.rejectedRows.map((r: { line: number }) => r.line)).toEqual([10, 11, 12, 13, 14]);
    const cell = (sale: boolean, after: boolean) =>
      matrix().then((cells) =>
        cells.find((c) => c.saleSatisfied === sale && c.afterSalesSatisfied === after),
      );
    expect(await cell(true, true)).toMatchObject({ n: 1, repurchased: 1, rate: 1 });
    expect(await cell(true, false)).toMatchObject({ n: 1, repurchased: 0, rate: 0 });
    expect(await cell(false, true)).toMatchObject({ n: 1, repurchased: 1, rate: 1 });
    expect(await cell(false, false)).toMatchObject({ n: 1, repurchased: 0, rate: 0 });
  });

  it('imports the same file again without creating anything twice', async () => {
    const res = await upload('survey-answers', csv([...ANSWERS, ...BAD]), '?skipInvalid=true');
    expect(res.body).toMatchObject({ created: 0, alreadyPresent: 8, rejected: 5 });
    const h1 = (await t.request('agent', 'GET', '/api/v1/customers?q=H-1')).body.items[0].id;
    const answers = await t.request('agent', 'GET', `/api/v1/surveys/answers?customerId=${h1}`);
    expect(answers.body.items.map((a: { score: number }) => a.score).sort()).toEqual([5, 5]);
  });

  it('sends nothing and creates no follow-up task for a historic bad answer', async () => {
    const h4 = (await t.request('agent', 'GET', '/api/v1/customers?q=H-4')).body.items[0].id;
    await t.drainJobs();
    const tasks = await t.request('agent', 'GET', `/api/v1/tasks?customerId=${h4}`);
    expect(tasks.body.items).toEqual([]);
    const invitations = await t.request('agent', 'GET', `/api/v1/surveys/invitations?customerId=${h4}`);
    expect(invitations.body.items).toHaveLength(2);
    expect(invitations.body.items.every((i: { sentAt: string | null }) => i.sentAt === null)).toBe(true);
  });

  it('queues the import with Prefer: respond-async and reports it when done', async () => {
    const res = await upload(
      'survey-answers',
      csv([
        'customer_ref,survey,score,answered_at',
        'H-2,relationship_nps,9,2024-03-01T08:00:00Z',
        'H-2,relationship_nps,11,2024-03-02T08:00:00Z',
      ]),
      '?skipInvalid=true',
      { prefer: 'respond-async' },
    );
    expect(res.status).toBe(202);
    await t.drainJobs();
    const status = await t.request('manager', 'GET', res.body.statusUrl);
    expect(status.body).toMatchObject({
      entity: 'survey-answers',
      status: 'done',
      report: {
        created: 1,
        rejected: 1,
        rejectedRows: [{ line: 3, field: 'score', reason: 'must be at most 10' }],
      },
    });
  });
});
