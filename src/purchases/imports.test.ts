import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const HEADER =
  'external_id,customer_ref,purchased_at,amount_minor,currency,kind,product_code,quantity,description';

describe('purchase and customer imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    const customers = [
      'external_ref,name,email,phone,locale,customer_since,owner_email,tags',
      'IMP-1,Autohaus Adler,adler@example.de,,de,2019-04-01,agent@example.test,fleet|vip',
      'IMP-2,Bäckerei Berg,,0301234,en,2021-01-01T00:00:00Z,,',
      'IMP-3,"Café ""Central""",,,de,2024-06-01,,',
    ].join('\n');
    const res = await upload('customers', customers);
    expect(res.status).toBe(200);
  });
  afterAll(() => t.close());

  function upload(entity: string, body: string, query = '', type = 'text/csv') {
    return t.request('manager', 'POST', `/api/v1/imports/${entity}${query}`, body, { 'content-type': type });
  }
  const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
  const purchasesOf = async (ref: string) => {
    const list = await t.request('agent', 'GET', `/api/v1/customers?q=${ref}`);
    const id = list.body.items[0].id;
    return (await t.request('agent', 'GET', `/api/v1/customers/${id}/purchases?limit=500`)).body
      .items as Array<{ externalId: string; amountMinor: number }>;
  };

  it('creates customers from CSV with owner and tags, and a re-import reports them unchanged', async () => {
    const list = await t.request('agent', 'GET', '/api/v1/customers?q=IMP-1');
    expect(list.body.items[0]).toMatchObject({
      name: 'Autohaus Adler',
      ownerId: t.staff.agent.id,
      tags: ['fleet', 'vip'],
      customerSince: '2019-04-01T00:00:00.000Z',
    });
    const again = await upload('customers', 'external_ref,name\nIMP-1,Autohaus Adler Neu\nIMP-4,Neu GmbH');
    expect(again.body).toMatchObject({
      imported: true,
      rowsRead: 2,
      created: 1,
      alreadyPresent: 1,
      rejected: 0,
    });
    expect((await t.request('agent', 'GET', '/api/v1/customers?q=IMP-1')).body.items[0].name).toBe(
      'Autohaus Adler',
    );
  });

  it('does not create a customer again whose erasure was requested when their reference is re-imported', async () => {
    await upload('customers', 'external_ref,name,email\nIMP-ERASE,Erase Me,erase@example.de');
    const found = (await t.request('agent', 'GET', '/api/v1/customers?q=IMP-ERASE')).body.items;
    expect(found).toHaveLength(1);
    expect((await t.request('admin', 'POST', `/api/v1/customers/${found[0].id}/erase`)).status).toBe(204);
    const again = await upload('customers', 'external_ref,name,email\nIMP-ERASE,Erase Me,erase@example.de');
    expect(again.body).toMatchObject({ imported: true, created: 0, alreadyPresent: 1, rejected: 0 });
    expect((await t.request('agent', 'GET', '/api/v1/customers?q=erase@example.de')).body.items).toEqual([]);
    const erased = (await t.request('admin', 'GET', `/api/v1/customers/${found[0].id}`)).body;
    expect(erased).toMatchObject({ status: 'erased', externalRef: null, name: 'erased' });
  });

  it('imports purchases from CSV and a re-import creates no duplicates and reports them as already present', async () => {
    const file = csv(
      'P-1,IMP-2,2026-01-10T10:00:00Z,12000,EUR,sale,REIFEN,4,Winterreifen',
      'P-2,IMP-2,2026-01-11,3500,EUR,service,,,"Ölwechsel, inkl. Filter"',
    );
    const first = await upload('purchases', file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      imported: true,
      rowsRead: 2,
      created: 2,
      alreadyPresent: 0,
      rejected: 0,
    });
    const second = await upload('purchases', file);
    expect(second.body).toMatchObject({ imported: true, rowsRead: 2, created: 0, alreadyPresent: 2 });
    const items = await purchasesOf('IMP-2');
    expect(items.map((p) => p.externalId).sort()).toEqual(['P-1', 'P-2']);
  });

  it('imports nothing from a file with bad rows and reports each bad line with its field', async () => {
    const file = csv(
      'B-1,IMP-1,2026-01-10T10:00:00Z,100,EUR,sale,,,',
      'B-2,IMP-1,2026-02-30,100,EUR,sale,,,',
      'B-3,IMP-1,2026-01-10T10:00:00Z,12.50,EUR,sale,,,',
      'B-4,IMP-1,2026-01-10T10:00:00Z,100,EUR,gift,,,',
    );
    const res = await upload('purchases', file);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.report.imported).toBe(false);
    expect(res.body.report.rejectedRows).toEqual([
      { line: 3, field: 'purchased_at', reason: expect.any(String) },
      { line: 4, field: 'amount_minor', reason: expect.any(String) },
      { line: 5, field: 'kind', reason: expect.any(String) },
    ]);
    expect(res.body.errors[0]).toEqual({ path: 'purchased_at', message: expect.stringContaining('line 3') });
    expect((await purchasesOf('IMP-1')).map((p) => p.externalId)).not.toContain('B-1');
  });

  it('names the first line of a rejected row after quoted descriptions that span lines, in LF and CRLF files', async () => {
    for (const eol of ['\n', '\r\n']) {
      const file = [
        HEADER,
        `Q-1${eol.length},IMP-1,2026-01-10T10:00:00Z,100,EUR,sale,,,"zwei${eol}Zeilen"`,
        `Q-2${eol.length},IMP-1,2026-01-10T10:00:00Z,100,EUR,gift,,,`,
      ].join(eol);
      const res = await upload('purchases', file);
      expect(res.body.report.rejectedRows).toEqual([{ line: 4, field: 'kind', reason: expect.any(String) }]);
    }
  });

  it('with skipInvalid imports the good rows only and reports the bad ones', async () => {
    const file = csv(
      'S-1,IMP-1,2026-01-10T10:00:00Z,100,EUR,sale,,,',
      'S-2,IMP-1,not-a-date,100,EUR,sale,,,',
      'S-3,IMP-1,2026-01-12T10:00:00Z,300,EUR,parts,,,',
    );
    const res = await upload('purchases', file, '?skipInvalid=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      imported: true,
      rowsRead: 3,
      created: 2,
      rejected: 1,
      rejectedRows: [{ line: 3, field: 'purchased_at' }],
    });
    const ids = (await purchasesOf('IMP-1')).map((p) => p.externalId);
    expect(ids).toEqual(expect.arrayContaining(['S-1', 'S-3']));
    expect(ids).not.toContain('S-2');
  });

  it('rejects a row in another currency naming currency', async () => {
    const res = await upload('purchases', csv('C-1,IMP-1,2026-01-10T10:00:00Z,100,USD,sale,,,'));
    expect(res.status).toBe(422);
    expect(res.body.report.rejectedRows).toEqual([
      { line: 2, field: 'currency', reason: expect.stringContaining('CURRENCY_MISMATCH') },
    ]);
  });

  it('rejects an unknown customer reference naming customer_ref', async () => {
    const res = await upload('purchases', csv('U-1,NOBODY-99,2026-01-10T10:00:00Z,100,EUR,sale,,,'));
    expect(res.status).toBe(422);
    expect(res.body.report.rejectedRows).toEqual([
      { line: 2, field: 'customer_ref', reason: expect.stringContaining('no customer') },
    ]);
  });

  it('resolves a customer reference given as the customer number', async () => {
    const c = (await t.request('agent', 'GET', '/api/v1/customers?q=IMP-3')).body.items[0];
    const res = await upload('purchases', csv(`N-1,${c.number},2026-01-10T10:00:00Z,100,EUR,sale,,,`));
    expect(res.body.created).toBe(1);
    expect((await purchasesOf('IMP-3')).map((p) => p.externalId)).toContain('N-1');
  });

  it('refuses a file with a missing required column naming the column, importing nothing', async () => {
    const res = await upload(
      'purchases',
      'external_id,customer_ref,purchased_at,currency,kind\nM-1,IMP-1,2026-01-10,EUR,sale',
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'amount_minor', message: 'required column is missing' }]);
  });

  it('imports a JSON array with camelCase or snake_case fields, naming the line of a bad element', async () => {
    const body = `[
  {"externalId": "J-1", "customerRef": "IMP-3", "purchasedAt": "2026-01-05T10:00:00Z", "amountMinor": 2500, "currency": "EUR", "kind": "sale"},
  {"external_id": "J-2", "customer_ref": "IMP-3", "purchased_at": "2026-01-06T10:00:00Z", "amount_minor": 1500, "currency": "EUR", "kind": "parts", "quantity": 3}
]`;
    const res = await upload('purchases', body, '', 'application/json');
    expect(res.body).toMatchObject({ format: 'json', imported: true, created: 2 });
    const bad = await upload(
      'purchases',
      `[\n{"externalId": "J-3", "customerRef": "IMP-3", "purchasedAt": "2026-01-05T10:00:00Z", "amountMinor": "x", "currency": "EUR", "kind": "sale"}\n]`,
      '',
      'application/json',
    );
    expect(bad.body.report.rejectedRows).toEqual([
      { line: 2, field: 'amount_minor', reason: expect.any(String) },
    ]);
  });

  it('refuses a JSON array with broken syntax as a whole, naming the line, importing nothing', async () => {
    const body = `[
  {"externalId": "JB-1", "customerRef": "IMP-3", "purchasedAt": "2026-01-05T10:00:00Z", "amountMinor": 100, "currency": "EUR", "kind": "sale"}
  {"externalId": "JB-2", "customerRef": "IMP-3", "purchasedAt": "2026-01-05T10:00:00Z", "amountMinor": 100, "currency": "EUR", "kind": "sale"}
]`;
    const res = await upload('purchases', body, '', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'file', message: expect.stringMatching(/^line 3: not valid JSON/) },
    ]);
    expect((await purchasesOf('IMP-3')).map((p) => p.externalId)).not.toContain('JB-1');
  });

  it('imports NDJSON, one purchase per line', async () => {
    const body = [
      '{"externalId": "L-1", "customerRef": "IMP-3", "purchasedAt": "2026-01-07T10:00:00Z", "amountMinor": 100, "currency": "EUR", "kind": "other"}',
      '',
      '{"externalId": "L-2", "customerRef": "IMP-3", "purchasedAt": "2026-01-08T10:00:00Z", "amountMinor": 200, "currency": "EUR", "kind": "other", "description": "Zubehör"}',
    ].join('\n');
    const res = await upload('purchases', body, '?format=json', 'application/x-ndjson');
    expect(res.body).toMatchObject({ imported: true, rowsRead: 2, created: 2 });
    const broken = await upload(
      'purchases',
      '{"externalId": "L-3"}\n{not json}\n',
      '?format=json',
      'application/x-ndjson',
    );
    expect(broken.body.report.rejectedRows).toContainEqual({
      line: 2,
      field: '(row)',
      reason: expect.stringContaining('not valid JSON'),
    });
  });

  it('re-derives tiers after an import: a customer crossing the gold threshold becomes gold', async () => {
    const ref = (await t.request('agent', 'GET', '/api/v1/customers?q=IMP-2')).body.items[0];
    expect(ref.tier).toBe('bronze');
    const res = await upload(
      'purchases',
      csv(
        'T-1,IMP-2,2025-12-01T10:00:00Z,300000,EUR,sale,,,',
        'T-2,IMP-2,2026-02-01T10:00:00Z,250000,EUR,sale,,,',
      ),
    );
    expect(res.body.created).toBe(2);
    const after = (await t.request('agent', 'GET', `/api/v1/customers/${ref.id}`)).body;
    expect(after.revenue12mMinor).toBe(12000 + 3500 + 300000 + 250000);
    expect(after.tier).toBe('gold');
  });

  it('audits each written import batch', async () => {
    const res = await upload('purchases', csv('A-1,IMP-3,2026-01-10T10:00:00Z,100,EUR,sale,,,'));
    expect(res.body.created).toBe(1);
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'purchase_import')
      .execute();
    expect(rows.map((r) => JSON.parse(r.changes).lines.after)).toContain('2-2');
  });

  it('refuses imports by agents', async () => {
    const res = t.request(
      'agent',
      'POST',
      '/api/v1/imports/purchases',
      csv('X-1,IMP-3,2026-01-10,100,EUR,sale,,,'),
      { 'content-type': 'text/csv' },
    );
    expect((await res).status).toBe(403);
  });
});
