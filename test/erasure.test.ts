// GDPR erasure that leaves nothing: after a customer is erased, their e-mail address and phone
// number are in no table (both databases), and on SQLite in neither the database file, its WAL,
// the mail sink nor a backup taken afterwards with `stammkunde backup`.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0028 from '../src/platform/db/migrations/0028_erasure_leaves_nothing.js';
import { dialectUnderTest, startTestApp, type TestApp } from './helpers/test-app.js';

const EMAIL = 'erika.loeschmich@example.de';
const PHONE = '+49 171 5550123';
const PHONE_DIGITS = '5550123';
const NAME = 'Erika Löschmich';
const SURNAME = 'Löschmich';

const root = path.resolve(import.meta.dirname, '..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs the real `stammkunde` command (through tsx) on the test app's data directory. */
function stammkunde(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, path.join(root, 'src/cli/main.ts'), ...args],
      { cwd: dataDir, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every needle found in the bytes of `file` (as UTF-8). */
function foundIn(file: string, needles: string[]): string[] {
  if (!fs.existsSync(file)) return [];
  const bytes = fs.readFileSync(file);
  return needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
}

/** Every table and needle where a row of the table mentions the needle. */
async function rowsMentioning(t: TestApp, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const table of await t.ctx.db.introspection.getTables()) {
    const rows =
      t.ctx.dialect === 'postgres'
        ? (
            await sql<{ r: string }>`select t::text as r from ${sql.table(table.name)} t`.execute(t.ctx.db)
          ).rows.map((x) => x.r)
        : (
            await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(t.ctx.db)
          ).rows.map((x) =>
            JSON.stringify(x, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v)),
          );
    for (const n of needles) if (rows.some((r) => r.includes(n))) hits.push(`${table.name}: ${n}`);
  }
  return hits;
}

describe('erasure that leaves nothing', () => {
  let t: TestApp;
  let customerId: string;
  let caseId: string;
  let staffTaskId: string;
  let winBackTaskId: string | null = null;

  beforeAll(async () => {
    t = await startTestApp();
    const c = await t.request(
      'agent',
      'POST',
      '/api/v1/customers',
      {
        name: NAME,
        email: EMAIL,
        phone: PHONE,
        externalRef: 'ERP-77',
      },
      { 'idempotency-key': 'create-erika' },
    );
    expect(c.status).toBe(201);
    customerId = c.body.id;
    await t.request('agent', 'POST', `/api/v1/customers/${customerId}/consents`, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'opt_in',
      status: 'given',
      source: 'form',
    });
    // Staff free text naming the customer, their phone and address.
    const task = await t.request('agent', 'POST', '/api/v1/tasks', {
      customerId,
      title: `${NAME} anrufen ${PHONE}`,
      description: `Rückruf an ${PHONE}, Bestätigung an ${EMAIL}`,
    });
    expect(task.status).toBe(201);
    staffTaskId = task.body.id;
    const done = await t.request('agent', 'POST', `/api/v1/tasks/${staffTaskId}/complete`, {
      outcome: `${SURNAME} erreicht unter ${PHONE}`,
    });
    expect(done.status).toBe(200);
    const interaction = await t.request('agent', 'POST', '/api/v1/interactions', {
      customerId,
      touchpoint: 'service_visit',
      channel: 'phone',
      note: `${SURNAME} erreichbar unter ${PHONE}`,
    });
    expect(interaction.status).toBe(201);
    const k = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId,
      channel: 'email',
      subject: `Beschwerde ${SURNAME}`,
      description: `Bitte rufen Sie mich an: ${PHONE} oder schreiben Sie an ${EMAIL}. Die Bremsen quietschen.`,
      points: [{ text: `Bremsen quietschen, ${SURNAME}` }],
    });
    expect(k.status).toBe(201);
    caseId = k.body.id;
    const patched = await t.request('agent', 'PATCH', `/api/v1/cases/${caseId}`, {
      apology: `Liebe Frau ${SURNAME}, es tut uns leid.`,
      rootCauseAnalysis: `Frau ${SURNAME} (${PHONE}) hatte einen falsch montierten Belag.`,
      preventiveAction: `Rückruf bei ${PHONE} nach jeder Montage`,
    });
    expect(patched.status).toBe(200);
    const answered = await t.request(
      'agent',
      'PATCH',
      `/api/v1/cases/${caseId}/points/${k.body.points[0].id}`,
      {
        answer: `Liebe Frau ${SURNAME}, wir haben die Bremsen getauscht.`,
        outcome: 'resolved',
      },
    );
    expect(answered.status).toBe(200);
    const out = await t.request('agent', 'POST', `/api/v1/cases/${caseId}/messages`, {
      direction: 'out',
      body: `Guten Tag Frau ${SURNAME}, wir rufen Sie unter ${PHONE} zurück.`,
    });
    expect(out.status).toBe(201);
    const note = await t.request('agent', 'POST', `/api/v1/cases/${caseId}/messages`, {
      direction: 'internal',
      body: `Notiz: ${SURNAME} will Rückruf auf ${PHONE}`,
    });
    expect(note.status).toBe(201);
    // Mails out (the reply, the after-sales survey): the file sink keeps a copy of each.
    t.clock.advance(3 * 86_400_000);
    await t.drainJobs();
    const lost = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId,
      source: 'manual',
      reason: `${SURNAME} zieht weg, neue Nummer ${PHONE}`,
    });
    expect(lost.status).toBe(201);
    winBackTaskId = lost.body.winBackTaskId;
    await t.drainJobs();
  }, 60_000);
  afterAll(() => t.close());

  it('before erasure the customer is in the data (the check below can fail)', async () => {
    expect(await rowsMentioning(t, [EMAIL, PHONE])).not.toEqual([]);
    if (dialectUnderTest === 'sqlite')
      expect(
        fs
          .readdirSync(t.config.mailSinkDir)
          .some((f) => foundIn(path.join(t.config.mailSinkDir, f), [EMAIL]).length > 0),
      ).toBe(true);
  });

  it('after erasure no row of any table holds the e-mail address, the phone number or the name', async () => {
    expect((await t.request('admin', 'POST', `/api/v1/customers/${customerId}/erase`)).status).toBe(204);
    expect(await rowsMentioning(t, [EMAIL, PHONE, PHONE_DIGITS, SURNAME])).toEqual([]);
  });

  it('staff free text about the customer reads as a neutral marker; system titles name no one', async () => {
    const staffTask = await t.request('agent', 'GET', `/api/v1/tasks/${staffTaskId}`);
    expect(staffTask.body).toMatchObject({
      title: 'Aufgabe zu einem gelöschten Kunden',
      description: 'Text zu einem gelöschten Kunden',
      outcome: '[erased]',
    });
    const winBack = await t.request('agent', 'GET', `/api/v1/tasks/${winBackTaskId}`);
    expect(winBack.body.title).toContain('gelöschter Kunde');
    expect(winBack.body.description).toBe('Text zu einem gelöschten Kunden');
    const k = await t.request('agent', 'GET', `/api/v1/cases/${caseId}`);
    expect(k.body.apology).toBe('[erased]');
    expect(k.body.rootCauseAnalysis).toBe('[erased]');
    expect(k.body.preventiveAction).toBe('[erased]');
    expect(k.body.points[0].answer).toBe('[erased]');
  });

  it('the full-text search finds nothing of the erased customer', async () => {
    for (const q of [SURNAME, PHONE_DIGITS, 'Bremsen quietschen']) {
      const res = await t.request('agent', 'GET', `/api/v1/cases/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
  });

  it.skipIf(dialectUnderTest === 'postgres')(
    'the SQLite file, its WAL and the mail sink hold neither the e-mail address nor the phone number',
    () => {
      const db = t.config.sqlitePath;
      const needles = [EMAIL, PHONE, PHONE_DIGITS];
      expect(foundIn(db, needles)).toEqual([]);
      expect(foundIn(`${db}-wal`, needles)).toEqual([]);
      const sink = fs.existsSync(t.config.mailSinkDir) ? fs.readdirSync(t.config.mailSinkDir) : [];
      expect(sink.flatMap((f) => foundIn(path.join(t.config.mailSinkDir, f), needles))).toEqual([]);
    },
  );

  it.skipIf(dialectUnderTest === 'postgres')(
    'a backup taken after the erasure (stammkunde backup) holds neither the e-mail address nor the phone number',
    async () => {
      const file = path.join(t.config.dataDir, 'after-erasure.db');
      const res = await stammkunde(t.config.dataDir, 'backup', file);
      expect(res.code, res.stderr).toBe(0);
      expect(fs.statSync(file).size).toBeGreaterThan(0);
      expect(foundIn(file, [EMAIL, PHONE, PHONE_DIGITS])).toEqual([]);
    },
    60_000,
  );
});

describe('erased external references', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const create = (externalRef: string) =>
    t.request('agent', 'POST', '/api/v1/customers', { name: 'Kurz Nummer', externalRef });
  const importCustomers = (csv: string) =>
    t.request('manager', 'POST', '/api/v1/imports/customers', csv, { 'content-type': 'text/csv' });
  const storedRef = async (id: string) =>
    (
      await t.ctx.db
        .selectFrom('customers')
        .select('external_ref')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).external_ref;

  it('keeps an erased reference only as an HMAC with the installation secret, not a bare hash', async () => {
    const c = await create('4711');
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.body.id}/erase`)).status).toBe(204);
    const key = await storedRef(c.body.id);
    expect(key).toMatch(/^erased:hmac:[0-9a-f]{64}$/);
    const bare = createHash('sha256').update('customer-external-ref\u00004711').digest('hex');
    expect(key).not.toContain(bare);
    expect(key).not.toContain('4711');
  });

  it('an erased reference is still recognised by create and by the customer import', async () => {
    const c = await create('ERP-12');
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.body.id}/erase`)).status).toBe(204);
    expect((await create('ERP-12')).body.code).toBe('CUSTOMER_ERASED');
    const report = await importCustomers('external_ref,name\nERP-12,Wieder Da\nERP-13,Neu Hier\n');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ created: 1, alreadyPresent: 1 });
  });

  it('migration 0028 re-keys references erased with the old bare SHA-256, and they stay recognised', async () => {
    const c = await create('77');
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.body.id}/erase`)).status).toBe(204);
    // The state an installation had before migration 0028: the bare digest.
    const legacy = `erased:${createHash('sha256').update('customer-external-ref\u000077').digest('hex')}`;
    await t.ctx.db
      .updateTable('customers')
      .set({ external_ref: legacy })
      .where('id', '=', c.body.id)
      .execute();
    await m0028.up(t.ctx.db);
    expect(await storedRef(c.body.id)).toMatch(/^erased:hmac:[0-9a-f]{64}$/);
    expect((await create('77')).body.code).toBe('CUSTOMER_ERASED');
    expect((await importCustomers('external_ref,name\n77,Wieder Da\n')).body).toMatchObject({
      created: 0,
      alreadyPresent: 1,
    });
  });

  it('lookups by a living customer’s reference are unchanged (purchases import matches them)', async () => {
    await create('ERP-LIVE');
    const res = await t.request(
      'manager',
      'POST',
      '/api/v1/imports/purchases',
      'external_id,customer_ref,purchased_at,amount_minor,currency,kind\nP-LIVE-1,ERP-LIVE,2026-01-05T10:00:00Z,1000,EUR,sale\n',
      { 'content-type': 'text/csv' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejected: 0 });
  });
});
