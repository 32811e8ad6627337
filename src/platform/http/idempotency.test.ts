import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const consent = {
    channel: 'email',
    purpose: 'surveys',
    basis: 'opt_in',
    status: 'given',
    source: 'web form',
  };
  const newCustomer = async (name: string) =>
    (await t.request('agent', 'POST', '/api/v1/customers', { name })).body.id as string;

  it('treats the same key and body on two different resources as two requests', async () => {
    const a = await newCustomer('Idem A');
    const b = await newCustomer('Idem B');
    const headers = { 'idempotency-key': 'same-key' };
    const onA = await t.request('agent', 'POST', `/api/v1/customers/${a}/consents`, consent, headers);
    const onB = await t.request('agent', 'POST', `/api/v1/customers/${b}/consents`, consent, headers);
    expect(onA.status).toBe(201);
    expect(onB.status).toBe(201);
    expect(onB.headers['idempotent-replayed']).toBeUndefined();
    expect(onB.body.id).not.toBe(onA.body.id);
    const listB = await t.request('agent', 'GET', `/api/v1/customers/${b}/consents`);
    expect(listB.body.items).toHaveLength(1);
  });

  it('replays the first answer for a retry on the same resource', async () => {
    const a = await newCustomer('Idem C');
    const headers = { 'idempotency-key': 'retry-key' };
    const first = await t.request('agent', 'POST', `/api/v1/customers/${a}/consents`, consent, headers);
    const retry = await t.request('agent', 'POST', `/api/v1/customers/${a}/consents`, consent, headers);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect((await t.request('agent', 'GET', `/api/v1/customers/${a}/consents`)).body.items).toHaveLength(1);
  });

  it('keeps one user’s key apart from another user’s', async () => {
    const a = await newCustomer('Idem D');
    const headers = { 'idempotency-key': 'shared-by-chance' };
    const byAgent = await t.request('agent', 'POST', `/api/v1/customers/${a}/consents`, consent, headers);
    const byManager = await t.request('manager', 'POST', `/api/v1/customers/${a}/consents`, consent, headers);
    expect(byManager.body.id).not.toBe(byAgent.body.id);
  });

  it('treats a key older than 24 hours as a new request and replays the new answer', async () => {
    const headers = { 'idempotency-key': 'day-old-key' };
    const first = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Idem E' }, headers);
    t.clock.advance(23 * 3_600_000);
    const withinDay = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Idem E' }, headers);
    expect(withinDay.body.id).toBe(first.body.id);
    t.clock.advance(2 * 3_600_000);
    const nextDay = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Idem F' }, headers);
    expect(nextDay.status).toBe(201);
    expect(nextDay.headers['idempotent-replayed']).toBeUndefined();
    expect(nextDay.body.id).not.toBe(first.body.id);
    const retry = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Idem F' }, headers);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(nextDay.body.id);
  });

  it('serialises a retry that arrives while the first request still runs: it gets the first answer, nothing runs twice', async () => {
    // Four imports with one key sent at once: their bodies stream in while the first one runs.
    const csv = [
      'external_ref,name',
      ...Array.from({ length: 400 }, (_, i) => `IDEM-${i},Idem Import ${i}`),
    ].join('\n');
    const headers = { 'idempotency-key': 'concurrent-import', 'content-type': 'text/csv' };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.request('manager', 'POST', '/api/v1/imports/customers', csv, headers),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // Every retry got the first run's report (400 created), not a second run's (0 created).
    expect(answers.map((a) => a.body.created)).toEqual([400, 400, 400, 400]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
  });

  it('takes over a key whose first request died without an answer after a minute', async () => {
    const headers = { 'idempotency-key': 'abandoned-key' };
    const body = { name: 'Idem Abandoned' };
    // A request that was killed mid-way leaves its pending row.
    const key = `${t.staff.agent.id}:POST /api/v1/customers:abandoned-key`;
    const { createHash } = await import('node:crypto');
    await t.ctx.db
      .insertInto('idempotency_keys')
      .values({
        key,
        request_hash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
        status_code: 0,
        response: '',
        created_at: new Date(t.clock.now().getTime() - 61_000).toISOString(),
      })
      .execute();
    const retry = await t.request('agent', 'POST', '/api/v1/customers', body, headers);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });
});
