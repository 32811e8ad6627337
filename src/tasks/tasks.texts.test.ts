// Task texts the system writes are stored as key + parameters and read in the reader's language;
// a customer's name is looked up when read, never stored, so erasure reaches it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { getStoredTask } from './tasks.service.js';

const EN = { 'accept-language': 'en-GB,en;q=0.9' };
const DE = { 'accept-language': 'de-DE,de;q=0.9' };

describe('tasks: stored texts in the reader language', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const customer = async (name: string) => {
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name,
      email: `texts${++n}@example.de`,
      ownerId: t.staff.agent.id,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const setLocale = async (role: 'agent' | 'manager', locale: 'de' | 'en') =>
    expect((await t.request('admin', 'PATCH', `/api/v1/users/${t.staff[role].id}`, { locale })).status).toBe(
      200,
    );
  const approvalTask = async (customerName: string) => {
    const c = await customer(customerName);
    const k = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.id,
      channel: 'phone',
      points: [{ text: 'Der Motor ist zweimal ausgefallen.' }],
    });
    expect(k.status).toBe(201);
    const gw = await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/goodwill`, {
      kind: 'credit',
      amountMinor: 123_456,
      currency: 'EUR',
      description: 'Gutschrift',
    });
    expect(gw.body.status).toBe('pending_approval');
    return { taskId: gw.body.approvalTaskId as string, reference: k.body.reference as string };
  };

  it('an approval created by a German user reads in English for an English reader (Accept-Language)', async () => {
    await setLocale('agent', 'de');
    const { taskId, reference } = await approvalTask('Erika Mustermann');
    const en = await t.request('manager', 'GET', `/api/v1/tasks/${taskId}`, undefined, EN);
    expect(en.body.title).toBe(`Approve goodwill: €1,234.56 on case ${reference}`);
    expect(en.body.titleKey).toBe('cases:staff.approvalTitle');
    const de = await t.request('manager', 'GET', `/api/v1/tasks/${taskId}`, undefined, DE);
    expect(de.body.title).toBe(`Kulanz freigeben: 1.234,56\u00a0€ zu Vorgang ${reference}`);
  });

  it("an approval created by an English user reads in German for a German reader (the user's language)", async () => {
    await setLocale('agent', 'en');
    const { taskId, reference } = await approvalTask('Max Mustermann');
    await setLocale('agent', 'de');
    await setLocale('manager', 'de');
    const read = await t.request('manager', 'GET', `/api/v1/tasks/${taskId}`);
    expect(read.body.title).toBe(`Kulanz freigeben: 1.234,56\u00a0€ zu Vorgang ${reference}`);
    await setLocale('manager', 'en');
    const list = await t.request('manager', 'GET', `/api/v1/tasks?caseId=${read.body.caseId}`);
    expect(list.body.items[0].title).toBe(`Approve goodwill: €1,234.56 on case ${reference}`);
    await setLocale('manager', 'de');
  });

  it('a lost-customer win-back task stores the customer by id and reads in either language', async () => {
    const c = await customer('Gerlinde Sonnenschein');
    const lost = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
      reasonCode: 'price',
    });
    expect(lost.status).toBe(201);
    const taskId = lost.body.winBackTaskId as string;
    const stored = await getStoredTask(t.ctx, taskId);
    expect(stored.title_key).toBe('retention:tasks.winBackTitle');
    expect(JSON.stringify(stored)).not.toContain('Sonnenschein');
    const en = await t.request('agent', 'GET', `/api/v1/tasks/${taskId}`, undefined, EN);
    expect(en.body.title).toBe('Win back: Gerlinde Sonnenschein');
    expect(en.body.description).toContain('source: manual');
    const de = await t.request('agent', 'GET', `/api/v1/tasks/${taskId}`, undefined, DE);
    expect(de.body.title).toBe('Rückgewinnung: Gerlinde Sonnenschein');
    expect(de.body.description).toContain('Quelle: manuell');
  });

  it('after erasure a keyed title reads as the erased placeholder and a worded one is replaced', async () => {
    const c = await customer('Hildegard Vogelsang');
    const lost = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
    });
    const manual = await t.request('agent', 'POST', '/api/v1/tasks', {
      title: 'Rückruf Frau Vogelsang',
      customerId: c.id,
    });
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    const keyed = await t.request('agent', 'GET', `/api/v1/tasks/${lost.body.winBackTaskId}`, undefined, EN);
    expect(keyed.body.title).toBe('Win back: erased customer');
    expect(keyed.body.description).toBe('Text about an erased customer');
    const worded = await t.request('agent', 'GET', `/api/v1/tasks/${manual.body.id}`, undefined, DE);
    expect(worded.body.title).toBe('Aufgabe zu einem gelöschten Kunden');
    const stored = await getStoredTask(t.ctx, manual.body.id);
    expect(JSON.stringify(stored)).not.toContain('Vogelsang');
  });

  it('labels audit actions in the reader language where the trail is read', async () => {
    const { taskId } = await approvalTask('Agathe Auditfall');
    const task = (await t.request('manager', 'GET', `/api/v1/tasks/${taskId}`)).body;
    const en = await t.request('agent', 'GET', `/api/v1/customers/${task.customerId}/audit`, undefined, EN);
    const labels = en.body.items.map((e: { entityType: string; action: string; label: string }) => e.label);
    expect(labels).toEqual(
      expect.arrayContaining(['Task created', 'Case created', 'Goodwill sent for approval']),
    );
    const de = await t.request('agent', 'GET', `/api/v1/cases/${task.caseId}/audit`, undefined, DE);
    expect(de.body.items.map((e: { label: string }) => e.label)).toContain('Fall angelegt');
  });

  it('words field errors of problem details in the reader language', async () => {
    const body = { title: 'Wer?', customerId: 'cus_missing' };
    const de = await t.request('agent', 'POST', '/api/v1/tasks', body, DE);
    expect(de.status).toBe(400);
    expect(de.body.errors).toEqual([{ path: 'customerId', message: 'kein solcher Kunde' }]);
    const en = await t.request('agent', 'POST', '/api/v1/tasks', body, EN);
    expect(en.body.errors).toEqual([{ path: 'customerId', message: 'no such customer' }]);
  });
});
