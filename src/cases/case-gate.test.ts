// The resolution gate through the API: no resolving, no letter and no closing without every answer,
// an apology, the cause (category and analysis) and a preventive action; pending goodwill and open
// call-backs hold the close; the admin's waiver for minor cases; refusals in the reader's language.
import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY, useCaseApp } from '../../test/helpers/case-kit.js';
import { EXPLANATION, makeResolvable } from '../../test/helpers/case-resolution.js';
import type { TestApp } from '../../test/helpers/test-app.js';

const paths = (body: { errors: Array<{ path: string }> }) => body.errors.map((e) => e.path);

describe('complaint cases: the resolution gate', () => {
  const kit = useCaseApp();
  const { customer, openCase } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  /** A case whose only point is answered, without apology, cause or prevention. */
  const answeredCase = async (body: Record<string, unknown> = {}) => {
    const c = await customer({ ownerId: t.staff.agent.id });
    const k = await openCase({ customerId: c.id, points: [{ text: 'Die Rechnung war doppelt.' }], ...body });
    const answered = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'Die zweite Rechnung ist storniert.',
      outcome: 'resolved',
    });
    expect(answered.status).toBe(200);
    return k;
  };

  it('refuses to resolve without apology, cause or prevention, naming each missing part', async () => {
    const k = await answeredCase();
    const bare = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`);
    expect(bare.status).toBe(409);
    expect(bare.headers['content-type']).toContain('application/problem+json');
    expect(bare.body.code).toBe('CASE_INCOMPLETE');
    expect(paths(bare.body)).toEqual(['apology', 'rootCauseCode', 'rootCauseAnalysis', 'preventiveAction']);
    for (const [field, value] of Object.entries(EXPLANATION)) {
      const patched = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, { [field]: value });
      expect(patched.status).toBe(200);
      const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`);
      if (field === 'preventiveAction') expect(res.status).toBe(200);
      else expect(paths(res.body)).not.toContain(field);
    }
  });

  it('words the refusal in the reader language, German and English', async () => {
    const k = await answeredCase();
    const de = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`, undefined, {
      'accept-language': 'de',
    });
    expect(de.body.detail).toBe(`Vorgang ${k.reference} kann noch nicht gelöst werden. Es fehlt:`);
    expect(de.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'die Entschuldigung',
      'die Kategorie der Ursache',
      'die Analyse der Ursache',
      'die Maßnahme, damit es nicht wieder vorkommt',
    ]);
    const en = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`, undefined, {
      'accept-language': 'en',
    });
    expect(en.body.detail).toBe(`Case ${k.reference} cannot be resolved yet. Missing:`);
    expect(en.body.errors[0]).toEqual({ path: 'apology', message: 'the apology' });
  });

  it('names an unanswered point by its number together with the other missing parts', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Erstens' }, { text: 'Zweitens' }] });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'Geklärt.',
      outcome: 'explained',
    });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, EXPLANATION);
    const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`, undefined, {
      'accept-language': 'de',
    });
    expect(res.body.errors).toEqual([
      { path: `points.${k.points[1].id}`, message: 'Punkt 2 hat noch keine Antwort (Zweitens)' },
    ]);
  });

  it('refuses to send the letter without apology, cause or prevention, naming each', async () => {
    const k = await answeredCase();
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, { apology: EXPLANATION.apology });
    const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/letter/send`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CASE_INCOMPLETE');
    expect(paths(res.body)).toEqual(['rootCauseCode', 'rootCauseAnalysis', 'preventiveAction']);
    expect((await t.request('agent', 'GET', `/api/v1/cases/${k.id}`)).body.letterSentAt).toBeNull();
  });

  it('refuses to close a resolved case whose apology, cause or prevention was taken out, naming each', async () => {
    const k = await answeredCase();
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, EXPLANATION);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`)).status).toBe(200);
    const cleared = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      apology: null,
      rootCauseAnalysis: null,
      preventiveAction: null,
    });
    expect(cleared.status).toBe(200);
    const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/close`, {});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CASE_INCOMPLETE');
    expect(paths(res.body)).toEqual(['apology', 'rootCauseAnalysis', 'preventiveAction']);
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, EXPLANATION);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/close`, {})).status).toBe(200);
  });

  it('lets an admin waive apology, cause and prevention for minor cases only, and the letter then prints no dash', async () => {
    const minorBefore = await answeredCase({ severity: 'low' });
    expect((await t.request('agent', 'POST', `/api/v1/cases/${minorBefore.id}/resolve`)).status).toBe(409);
    const set = await t.request('admin', 'PUT', '/api/v1/settings/cases', {
      resolutionGate: { relaxForLowSeverity: true },
    });
    expect(set.status).toBe(200);
    expect(set.body.resolutionGate).toEqual({ relaxForLowSeverity: true });
    try {
      const minor = await answeredCase({ severity: 'low' });
      const letter = await t.request('agent', 'GET', `/api/v1/cases/${minor.id}/letter`);
      expect(letter.body.text).not.toMatch(/Ursache|Damit das nicht wieder vorkommt|–/);
      expect(letter.body.text).toContain('Unsere Antwort: Die zweite Rechnung ist storniert.');
      expect((await t.request('agent', 'POST', `/api/v1/cases/${minor.id}/letter/send`)).status).toBe(200);
      expect((await t.request('agent', 'POST', `/api/v1/cases/${minor.id}/resolve`)).status).toBe(200);
      expect((await t.request('agent', 'POST', `/api/v1/cases/${minor.id}/close`, {})).status).toBe(200);
      const medium = await answeredCase({ severity: 'medium' });
      const refused = await t.request('agent', 'POST', `/api/v1/cases/${medium.id}/resolve`);
      expect(paths(refused.body)).toEqual([
        'apology',
        'rootCauseCode',
        'rootCauseAnalysis',
        'preventiveAction',
      ]);
    } finally {
      await t.request('admin', 'PUT', '/api/v1/settings/cases', {
        resolutionGate: { relaxForLowSeverity: false },
      });
    }
  });

  it('refuses to close while goodwill waits for approval, naming it', async () => {
    t.clock.set(MONDAY);
    const k = await answeredCase();
    await makeResolvable(t, k.id);
    const gw = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'credit',
      amountMinor: 25_000,
      currency: 'EUR',
      description: 'Gutschrift für die Umstände',
    });
    expect(gw.body.status).toBe('pending_approval');
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`)).status).toBe(200);
    const res = await t.request(
      'agent',
      'POST',
      `/api/v1/cases/${k.id}/close`,
      {},
      { 'accept-language': 'de' },
    );
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      {
        path: `goodwill.${gw.body.id}`,
        message: 'die Kulanz „Gutschrift für die Umstände“ wartet noch auf Freigabe',
      },
    ]);
    const approved = await t.request(
      'manager',
      'POST',
      `/api/v1/cases/${k.id}/goodwill/${gw.body.id}/approve`,
      {},
    );
    expect(approved.body.status).toBe('granted');
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/close`, {})).status).toBe(200);
  });

  it('refuses to close while an escalation call-back is open, and closes it with the outcome given', async () => {
    t.clock.set(MONDAY);
    const c = await customer({ ownerId: t.staff.agent.id });
    const k = await openCase({
      customerId: c.id,
      points: [{ text: 'Das ist eine Frechheit! Unverschämt!!! Seit Jahren werde ich so behandelt!' }],
    });
    expect(k.escalations).toHaveLength(1);
    const callbackId = k.escalations[0].taskId;
    await makeResolvable(t, k.id);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`)).status).toBe(200);
    const refused = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/close`, {});
    expect(refused.status).toBe(409);
    expect(paths(refused.body)).toEqual([`callbacks.${callbackId}`]);
    const closed = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/close`, {
      callbackOutcome: 'Kunde zurückgerufen, Lösung bestätigt',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const task = await t.request('manager', 'GET', `/api/v1/tasks/${callbackId}`);
    expect(task.body).toMatchObject({ status: 'done', outcome: 'Kunde zurückgerufen, Lösung bestätigt' });
    const audit = await t.request('agent', 'GET', `/api/v1/cases/${k.id}/audit`);
    const close = audit.body.items.find((e: { action: string }) => e.action === 'close');
    expect(close.changes.callbacksCompleted).toEqual({
      before: [callbackId],
      after: 'Kunde zurückgerufen, Lösung bestätigt',
    });
  });
});
