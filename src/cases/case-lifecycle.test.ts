// Working a case through the API: points added, split, merged and answered, field changes, the
// paused clock, resolving, closing, reopening, and the audit trail of it all.
import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY, useCaseApp } from '../../test/helpers/case-kit.js';
import type { TestApp } from '../../test/helpers/test-app.js';
import { makeResolvable } from '../../test/helpers/case-resolution.js';

describe('complaint cases: working a case to its end', () => {
  const kit = useCaseApp();
  const { customer, openCase } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  it('adds, splits and merges points, each needing its own answer', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Auto schmutzig und Wischwasser leer' }] });
    const split = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/points/${k.points[0].id}/split`, {
      texts: ['Auto schmutzig', 'Wischwasser leer'],
    });
    expect(split.status).toBe(201);
    expect(split.body.items.map((p: { text: string }) => p.text)).toEqual([
      'Auto schmutzig',
      'Wischwasser leer',
    ]);
    const added = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/points`, {
      text: 'Rechnung doppelt',
    });
    expect(added.status).toBe(201);
    let got = await t.request('agent', 'GET', `/api/v1/cases/${k.id}`);
    expect(got.body.points).toHaveLength(3);
    const merged = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/points/merge`, {
      pointIds: split.body.items.map((p: { id: string }) => p.id),
      text: 'Fahrzeug nicht vorbereitet',
    });
    expect(merged.status).toBe(201);
    got = await t.request('agent', 'GET', `/api/v1/cases/${k.id}`);
    expect(got.body.points.map((p: { text: string }) => p.text)).toEqual([
      'Fahrzeug nicht vorbereitet',
      'Rechnung doppelt',
    ]);
    const again = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/points/${k.points[0].id}/split`, {
      texts: ['a', 'b'],
    });
    expect(again.status).toBe(409);
  });

  it('refuses a root-cause code that is not in the category catalogue', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'x' }] });
    const res = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      rootCauseCode: 'no_such_cause',
      apology: 'Entschuldigung',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('rootCauseCode');
    expect((await t.request('agent', 'GET', `/api/v1/cases/${k.id}`)).body.apology).toBeNull();
  });

  it('pauses the resolution clock while waiting for the customer and resumes it on their reply', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Mir fehlt die Seriennummer.' }] });
    expect(k.resolutionDueAt).toBe('2026-03-09T09:00:00.000Z');
    const waiting = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      status: 'waiting_customer',
    });
    expect(waiting.body.status).toBe('waiting_customer');
    expect(waiting.body.slaPaused).toBe(true);
    expect(waiting.body.resolutionDueAt).toBeNull();
    t.clock.set('2026-03-04T09:00:00.000Z'); // two business days later
    const resumed = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, { status: 'open' });
    expect(resumed.body.slaPaused).toBe(false);
    expect(resumed.body.resolutionDueAt).toBe('2026-03-11T09:00:00.000Z');
    t.clock.set(MONDAY);
  });

  it('reopens a resolved case with a reason, back into the queue with a running clock', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Falsche Rechnung.' }] });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'Korrigiert.',
      outcome: 'resolved',
    });
    await makeResolvable(t, k.id);
    const resolved = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`);
    expect(resolved.body.status).toBe('resolved');
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/reopen`, {})).status).toBe(400);
    const reopened = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/reopen`, {
      reason: 'Kunde meldet sich erneut',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null });
    expect(reopened.body.resolutionDueAt).not.toBeNull();
    const inbox = await t.request('agent', 'GET', `/api/v1/cases/inbox?customerId=${c.id}`);
    expect(inbox.body.items.map((x: { id: string }) => x.id)).toEqual([k.id]);
  });

  it('refuses to close a case that is not resolved', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'x' }] });
    const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/close`, {});
    expect(res.body).toMatchObject({ status: 409, code: 'CASE_STATE_INVALID' });
  });

  it('keeps an audit trail of every change with actor and before/after', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Prüfen' }] });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, { severity: 'high' });
    const audit = await t.request('agent', 'GET', `/api/v1/cases/${k.id}/audit`);
    const update = audit.body.items.find((e: { action: string }) => e.action === 'update');
    expect(update.actor.name).toBe('Anna Agent');
    expect(update.changes.severity).toEqual({ before: 'medium', after: 'high' });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('create');
  });
});
