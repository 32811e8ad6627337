// What the write-route fuzz (test/fuzz.test.ts) needs to reach the services: real records behind
// every path parameter, built through the API (and the token service, as startTestApp does), and
// the example bodies of the OpenAPI document with their made-up ids replaced by real ones.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { createApiToken } from '../../src/platform/auth/users.service.js';
import type { TestApp } from './test-app.js';

export type Fixtures = {
  /** Real ids by kind (`customer`, `case`, `point`, …), used for path parameters and body ids. */
  ids: Record<string, string>;
  /** A live token of the public survey page (/s/<token>). */
  surveyToken: string;
  /** A live link to a case's status page (from the acknowledgement in the mail sink). */
  statusToken: string;
  /** Valid form bodies of the public pages: the complaint form and the survey page (with their tokens). */
  complaintForm: Record<string, string>;
  statusForm: Record<string, string>;
  surveyForm: Record<string, string>;
};

async function ok(res: Promise<{ status: number; body: any; text: string }>, what: string) {
  const r = await res;
  expect(r.status, `fixture ${what}: ${r.text.slice(0, 500)}`).toBeLessThan(300);
  return r.body;
}

/** The path parameter a segment's collection names: `/cases/{id}` → case, `/points/{pointId}` → point. */
const KIND_OF_COLLECTION: Record<string, string> = {
  tokens: 'ownToken',
  cases: 'case',
  commitments: 'commitment',
  goodwill: 'goodwill',
  messages: 'message',
  points: 'point',
  contracts: 'contract',
  customers: 'customer',
  products: 'product',
  'loyalty-penalty': 'contract',
  'root-causes': 'rootCause',
  actions: 'action',
  definitions: 'surveyDefinition',
  tasks: 'task',
  touchpoints: 'touchpoint',
  users: 'user',
};

/** Path parameters that need another record than their collection's usual one, by operationId. */
const KIND_BY_OPERATION: Record<string, Record<string, string>> = {
  eraseCustomer: { id: 'customerToErase' },
  declineCaseGoodwill: { gid: 'goodwillToDecline' },
  revokeUserApiToken: { tokenId: 'userToken' },
};

/** The record kind behind path parameter `name` of `operationId` at `template`, or undefined. */
export function pathParamKind(operationId: string, template: string, name: string): string | undefined {
  const byOp = KIND_BY_OPERATION[operationId]?.[name];
  if (byOp) return byOp;
  const segments = template.split('/');
  const at = segments.indexOf(`{${name}}`);
  return KIND_OF_COLLECTION[segments[at - 1]];
}

/** Builds one of each record the write routes act on. */
export async function buildFixtures(t: TestApp, examples: Record<string, any>): Promise<Fixtures> {
  const ids: Record<string, string> = {};
  const post = (as: 'agent' | 'manager' | 'admin', url: string, body: unknown) =>
    ok(t.request(as, 'POST', url, body), `POST ${url}`);

  ids.staff = t.staff.agent.id;
  ids.team = (await post('admin', '/api/v1/teams', { name: 'Fuzz team' })).id;
  ids.touchpoint = (await ensure(t, '/api/v1/touchpoints', examples.createTouchpoint)).id;
  ids.touchpointCode = examples.createTouchpoint.code;
  ids.rootCause = (await ensure(t, '/api/v1/root-causes', examples.createRootCause)).code;
  ids.product = (await ensure(t, '/api/v1/products', examples.createProduct)).id;
  ids.productCode = examples.createProduct.code;
  ids.surveyDefinition = (await ensure(t, '/api/v1/surveys/definitions', examples.createSurveyDefinition)).id;

  const customer = await post('agent', '/api/v1/customers', {
    name: 'Fuzz Kundin',
    email: 'fuzz.kundin@example.de',
    customerSince: '2014-04-01T00:00:00Z',
  });
  ids.customer = customer.id;
  await post('agent', `/api/v1/customers/${customer.id}/consents`, {
    channel: 'email',
    purpose: 'surveys',
    basis: 'opt_in',
    status: 'given',
    source: 'fuzz fixture',
  });
  ids.customerToErase = (await post('agent', '/api/v1/customers', { name: 'Fuzz Löschkunde' })).id;

  const kase = await post('agent', '/api/v1/cases', {
    customerId: customer.id,
    subject: 'Fuzz case',
    points: [{ text: 'Erster Punkt' }, { text: 'Zweiter Punkt' }],
  });
  ids.case = kase.id;
  ids.point = kase.points[0].id;
  ids.otherPoint = kase.points[1].id;
  ids.commitment = (
    await post('agent', `/api/v1/cases/${kase.id}/commitments`, {
      kind: 'callback',
      description: 'Rückruf',
      dueAt: '2026-03-05T16:00:00.000Z',
    })
  ).id;
  // Above an agent's limit, goodwill awaits a manager's decision.
  const goodwill = { kind: 'credit', amountMinor: 500_000, currency: 'EUR', description: 'Kulanz' };
  ids.goodwill = (await post('agent', `/api/v1/cases/${kase.id}/goodwill`, goodwill)).id;
  ids.goodwillToDecline = (await post('agent', `/api/v1/cases/${kase.id}/goodwill`, goodwill)).id;
  ids.message = (
    await post('agent', `/api/v1/cases/${kase.id}/messages`, {
      direction: 'in',
      channel: 'email',
      body: 'Hallo',
    })
  ).id;

  ids.contract = (
    await post('agent', '/api/v1/contracts', {
      customerId: customer.id,
      productId: ids.product,
      priceMinor: 2_500,
      currency: 'EUR',
      billingPeriod: 'month',
      startedAt: '2020-01-01T00:00:00Z',
    })
  ).id;
  ids.task = (await post('agent', '/api/v1/tasks', { title: 'Fuzz task', customerId: customer.id })).id;
  ids.action = (
    await post('manager', `/api/v1/root-causes/${ids.rootCause}/actions`, {
      ownerId: t.staff.manager.id,
      description: 'Fuzz action',
    })
  ).id;

  // A user of their own, so that no fuzzed change to users deactivates the test's staff.
  ids.user = (
    await post('admin', '/api/v1/users', {
      email: 'fuzz.user@example.test',
      name: 'Fuzz User',
      role: 'agent',
    })
  ).id;
  ids.userToken = (await createApiToken(t.ctx, ids.user, 'fuzz target', 30)).id;
  // Spare tokens of each staff user for "revoke my token" (never the ones the fuzz sends).
  ids.ownToken = (await createApiToken(t.ctx, t.staff.agent.id, 'fuzz spare', 30)).id;

  const token = await surveyToken(t, customer.id);
  const status = linkInSink(t, /\/c\/([A-Za-z0-9_-]{43})/);
  const hidden = (html: string, name: string) =>
    new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
  const complaintPage = await t.request(null, 'GET', '/complaint');
  const surveyPage = await t.request(null, 'GET', `/s/${token}`);
  const statusPage = await t.request(null, 'GET', `/c/${status}`);
  return {
    ids,
    surveyToken: token,
    statusToken: status,
    complaintForm: {
      name: 'Fuzz Beschwerde',
      email: 'fuzz.beschwerde@example.de',
      point1: 'Die Reparatur dauerte zu lange.',
      lang: 'de',
      token: hidden(complaintPage.text, 'token'),
    },
    surveyForm: { nonce: hidden(surveyPage.text, 'nonce'), score: '9' },
    statusForm: { nonce: hidden(statusPage.text, 'nonce'), message: 'Gibt es schon eine Antwort?' },
  };
}

/** The record with the example's code (the seed may have made it), or a new one from the example. */
async function ensure(t: TestApp, url: string, example: { code: string }) {
  const list = await ok(t.request('admin', 'GET', `${url}?limit=500`), `GET ${url}`);
  const items = (Array.isArray(list) ? list : list.items) as Array<{ code: string }>;
  return (
    items.find((i) => i.code === example.code) ?? ok(t.request('admin', 'POST', url, example), `POST ${url}`)
  );
}

/** The first token a link in the mail sink carries (jobs drained already). */
function linkInSink(t: TestApp, re: RegExp): string {
  const dir = t.config.mailSinkDir;
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8').replace(/=\r?\n/g, '');
    const token = re.exec(text)?.[1];
    if (token) return token;
  }
  throw new Error(`no mail with ${re} in ${dir}`);
}

/** Requests a relationship survey for the customer, sends it (the file sink) and reads its link. */
async function surveyToken(t: TestApp, customerId: string): Promise<string> {
  await post202(t, customerId);
  await t.drainJobs();
  const dir = t.config.mailSinkDir;
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8').replace(/=\r?\n/g, '');
    const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    if (token) return token;
  }
  throw new Error(`no survey mail in ${dir}`);
}

async function post202(t: TestApp, customerId: string) {
  const res = await t.request('manager', 'POST', '/api/v1/surveys/requests', {
    customerId,
    definitionCode: 'relationship_nps',
  });
  expect(res.status, res.text).toBe(202);
}

/** Made-up ids in the document's examples, by their prefix, and what replaces them. */
const ID_PREFIXES: Array<[RegExp, string]> = [
  [/^cus_/, 'customer'],
  [/^usr_/, 'staff'],
  [/^prd_/, 'product'],
  [/^team_/, 'team'],
  [/^case_|^cas_/, 'case'],
  [/^cpt_/, 'point'],
];

/**
 * An operation's example body with real ids: a made-up `cus_…` becomes the fixture customer, and so
 * on; the point ids of a merge are the case's two points.
 */
export function realBody(operationId: string, example: unknown, f: Fixtures): unknown {
  if (operationId === 'mergeCasePoints' && example && typeof example === 'object')
    return { ...(example as object), pointIds: [f.ids.point, f.ids.otherPoint] };
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const hit = ID_PREFIXES.find(([re]) => re.test(v));
      return hit ? f.ids[hit[1]] : v;
    }
    if (Array.isArray(v)) return v.map(swap);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  return swap(example);
}
