// Imports as long operations: with `Prefer: respond-async` the upload is stored and the import queued
// (202, id, status URL, Location); the status URL reports the state, the rows processed so far and,
// when the import ends, the report the synchronous import answers. The stored upload is deleted then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { createApiToken, createUser } from '../platform/auth/users.service.js';
import { runHousekeeping } from '../platform/jobs/housekeeping.js';

const HEADER =
  'external_id,customer_ref,purchased_at,amount_minor,currency,kind,product_code,quantity,description';
const ASYNC = { prefer: 'respond-async' };

describe('asynchronous imports (Prefer: respond-async)', () => {
  let t: TestApp;
  let otherManager = '';
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    const customers = ['external_ref,name', 'AS-1,Autohaus Süd', 'AS-2,Bäckerei Ost'].join('\n');
    expect((await upload('customers', customers)).status).toBe(200);
    const user = await createUser(t.ctx, {
      email: 'zweite@example.test',
      name: 'Zweite Managerin',
      role: 'manager',
      locale: 'de',
      password: 'correct horse battery staple',
    });
    otherManager = (await createApiToken(t.ctx, user.id, 'second manager')).token;
  });
  afterAll(() => t.close());

  function upload(entity: string, body: string, query = '', headers: Record<string, string> = {}) {
    return t.request('manager', 'POST', `/api/v1/imports/${entity}${query}`, body, {
      'content-type': 'text/csv',
      ...headers,
    });
  }
  const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
  const storedChunks = async (id: string) =>
    (await t.ctx.db.selectFrom('import_uploads').select('seq').where('import_id', '=', id).execute()).length;
  const status = async (id: string, as: 'manager' | 'admin' = 'manager') => {
    const res = await t.request(as, 'GET', `/api/v1/imports/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('answers 202 with the id, a status URL and Location, stores the upload, and the URL reports it queued at once', async () => {
    const file = csv(
      'AP-1,AS-1,2026-01-10T10:00:00Z,12000,EUR,sale,,,',
      'AP-2,AS-2,2026-01-11,3500,EUR,service,,,',
    );
    const res = await upload('purchases', file, '', ASYNC);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id: res.body.id,
      status: 'queued',
      statusUrl: `/api/v1/imports/${res.body.id}`,
    });
    expect(res.headers.location).toBe(res.body.statusUrl);
    expect(res.headers['preference-applied']).toBe('respond-async');
    expect(await status(res.body.id)).toMatchObject({
      entity: 'purchases',
      status: 'queued',
      report: null,
      error: null,
      progress: { phase: null, rowsProcessed: 0, totalBytes: Buffer.byteLength(file) },
    });
    expect(await storedChunks(res.body.id)).toBeGreaterThan(0);
    const purchases = await t.request('agent', 'GET', '/api/v1/purchases?limit=500');
    expect(purchases.body.items.map((p: { externalId: string }) => p.externalId)).not.toContain('AP-1');

    await t.drainJobs();
    const done = await status(res.body.id);
    expect(done).toMatchObject({ status: 'done', error: null, progress: { phase: null, rowsProcessed: 2 } });
    expect(done.report).toEqual({
      entity: 'purchases',
      format: 'csv',
      skipInvalid: false,
      imported: true,
      rowsRead: 2,
      created: 2,
      alreadyPresent: 0,
      rejected: 0,
      rejectedRows: [],
      rejectedRowsTruncated: false,
    });
    expect(done.finishedAt).not.toBeNull();
    expect(await storedChunks(res.body.id)).toBe(0);
    const after = await t.request('agent', 'GET', '/api/v1/purchases?limit=500');
    expect(after.body.items.map((p: { externalId: string }) => p.externalId)).toContain('AP-1');
  });

  it('audits the queued import and writes the import as the manager who started it', async () => {
    const batchAudits = () =>
      t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'purchase_import').execute();
    const before = new Set((await batchAudits()).map((b) => b.id));
    const res = await upload('purchases', csv('AP-AUD,AS-1,2026-01-12,900,EUR,sale,,,'), '', ASYNC);
    await t.drainJobs();
    expect((await status(res.body.id)).status).toBe('done');
    const queued = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'import_run')
      .where('entity_id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(queued).toMatchObject({ action: 'queue', actor_id: t.staff.manager.id });
    const written = (await batchAudits()).filter((b) => !before.has(b.id));
    expect(written.map((b) => b.actor_id)).toEqual([t.staff.manager.id]);
  });

  it('reports the same rejected rows with their lines as the synchronous import, imports nothing and fails', async () => {
    const file = csv(
      'AR-1,AS-1,2026-01-10,100,EUR,sale,,,',
      'AR-2,AS-1,2026-01-10,100,USD,sale,,,',
      'AR-3,NOBODY,2026-01-10,100,EUR,sale,,,',
    );
    const sync = await upload('purchases', file);
    expect(sync.status).toBe(422);
    const res = await upload('purchases', file, '', ASYNC);
    await t.drainJobs();
    const failed = await status(res.body.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'IMPORT_REJECTED' } });
    expect(failed.report).toEqual(sync.body.report);
    expect(failed.report.rejectedRows.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual(
      [
        [3, 'currency'],
        [4, 'customer_ref'],
      ],
    );
    expect(failed.error.errors).toEqual(sync.body.errors);
    expect(await storedChunks(res.body.id)).toBe(0);
    const purchases = await t.request('agent', 'GET', '/api/v1/purchases?limit=500');
    expect(purchases.body.items.map((p: { externalId: string }) => p.externalId)).not.toContain('AR-1');
  });

  it('with skipInvalid imports the good rows and reports the bad ones', async () => {
    const file = csv('AK-1,AS-2,2026-01-10,100,EUR,sale,,,', 'AK-2,AS-2,2026-01-10,-5,EUR,sale,,,');
    const res = await upload('purchases', file, '?skipInvalid=true', ASYNC);
    await t.drainJobs();
    const done = await status(res.body.id);
    expect(done).toMatchObject({
      status: 'done',
      skipInvalid: true,
      report: { imported: true, created: 1, rejected: 1 },
    });
    expect(done.report.rejectedRows).toEqual([
      { line: 3, field: 'amount_minor', reason: 'must be at least 0' },
    ]);
  });

  it('fails an import whose file is unusable naming the column, as the synchronous import answers 400', async () => {
    const res = await upload('purchases', 'external_id,customer_ref\nAX-1,AS-1', '', ASYNC);
    expect(res.status).toBe(202);
    await t.drainJobs();
    const failed = await status(res.body.id);
    expect(failed).toMatchObject({ status: 'failed', report: null, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(failed.error.errors)).toContain('purchased_at');
    expect(await storedChunks(res.body.id)).toBe(0);
  });

  it('reports the phase and rows processed so far while the import runs', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `AB-${i},Bulk Kunde ${i}`);
    const res = await upload('customers', ['external_ref,name', ...rows].join('\n'), '', ASYNC);
    const seen: Array<{ status: string; phase: string | null; rowsProcessed: number }> = [];
    let finished = false;
    const draining = t.drainJobs().finally(() => {
      finished = true;
    });
    while (!finished) {
      const s = await status(res.body.id);
      seen.push({ status: s.status, ...s.progress });
      await new Promise((r) => setTimeout(r, 5));
    }
    await draining;
    const midway = seen.filter((s) => s.status === 'running' && s.rowsProcessed > 0);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway.every((s) => s.phase === 'validate' || s.phase === 'import')).toBe(true);
    expect(midway.some((s) => s.rowsProcessed < 1_500)).toBe(true);
    expect(await status(res.body.id)).toMatchObject({ status: 'done', report: { created: 1_500 } });
  }, 60_000);

  it('shows an import to the manager who started it and to admins only', async () => {
    const res = await upload('purchases', csv('AV-1,AS-1,2026-01-10,100,EUR,sale,,,'), '', ASYNC);
    expect((await status(res.body.id, 'admin')).id).toBe(res.body.id);
    const other = await t.request(null, 'GET', `/api/v1/imports/${res.body.id}`, undefined, {
      authorization: `Bearer ${otherManager}`,
    });
    expect(other.status).toBe(404);
    expect((await t.request('agent', 'GET', `/api/v1/imports/${res.body.id}`)).status).toBe(403);
    expect((await t.request('manager', 'GET', '/api/v1/imports/imp_unknown')).status).toBe(404);
    await t.drainJobs();
  });

  it('refuses asynchronous imports by agents', async () => {
    const res = await t.request('agent', 'POST', '/api/v1/imports/contracts', 'x', {
      'content-type': 'text/csv',
      ...ASYNC,
    });
    expect(res.status).toBe(403);
  });

  it('keeps no text of the file in the stored record (a line that is not JSON is reported by line only)', async () => {
    const body =
      '{"externalId": "AN-1", "customerRef": "AS-1", "purchasedAt": "2026-01-10", "amountMinor": 1, "currency": "EUR", "kind": "sale"}\nmax.mustermann@example.de\n';
    const res = await upload('purchases', body, '?format=json&skipInvalid=true', {
      ...ASYNC,
      'content-type': 'application/x-ndjson',
    });
    await t.drainJobs();
    const done = await status(res.body.id);
    expect(done.report.rejectedRows).toEqual([
      { line: 2, field: '(row)', reason: expect.stringContaining('not valid JSON') },
    ]);
    const row = await t.ctx.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('mustermann');
    expect(await storedChunks(res.body.id)).toBe(0);
  });

  it('deletes the records of ended imports with the done jobs (housekeeping, 30 days)', async () => {
    const res = await upload('purchases', csv('AH-1,AS-1,2026-01-10,100,EUR,sale,,,'), '', ASYNC);
    await t.drainJobs();
    t.clock.advance(29 * 86_400_000);
    await runHousekeeping(t.ctx);
    expect((await t.request('manager', 'GET', `/api/v1/imports/${res.body.id}`)).status).toBe(200);
    t.clock.advance(2 * 86_400_000);
    expect((await runHousekeeping(t.ctx)).imports).toBeGreaterThan(0);
    expect((await t.request('manager', 'GET', `/api/v1/imports/${res.body.id}`)).status).toBe(404);
  });
});
