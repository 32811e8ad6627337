// The answer letter of a case through the API: the preview in the customer's language and sending
// it as the first response.
import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY, useCaseApp } from '../../test/helpers/case-kit.js';
import { EXPLANATION } from '../../test/helpers/case-resolution.js';
import type { TestApp } from '../../test/helpers/test-app.js';

describe('complaint cases: the answer letter', () => {
  const kit = useCaseApp();
  const { customer, openCase, mailsTo } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  it('previews the letter in German with every point, the apology, goodwill and the owner name', async () => {
    t.clock.set(MONDAY);
    const c = await customer({ name: 'Erika Muster', ownerId: t.staff.agent.id });
    const k = await openCase({
      customerId: c.id,
      points: [{ text: 'Der Wagen war schmutzig.' }, { text: 'Das Wischwasser war leer.' }],
    });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      apology: 'Es tut uns aufrichtig leid.',
      rootCauseAnalysis: 'Die Endkontrolle wurde ausgelassen.',
      preventiveAction: 'Checkliste bei jeder Rückgabe.',
    });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'Wir reinigen jetzt jedes Fahrzeug doppelt.',
      outcome: 'resolved',
    });
    await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'voucher',
      amountMinor: 2000,
      currency: 'EUR',
      description: 'Tankgutschein',
    });
    const letter = await t.request('agent', 'GET', `/api/v1/cases/${k.id}/letter`);
    expect(letter.body.lang).toBe('de');
    expect(letter.body.text).toContain('Guten Tag Erika Muster');
    expect(letter.body.text).toContain(
      '1. Der Wagen war schmutzig.\n   Unsere Antwort: Wir reinigen jetzt jedes Fahrzeug doppelt.',
    );
    // The unanswered point stands without an answer line, never with a placeholder dash.
    expect(letter.body.text).toContain('2. Das Wischwasser war leer.\n\nUrsache: Die Endkontrolle');
    expect(letter.body.text).not.toContain('–');
    expect(letter.body.text).toContain('Es tut uns aufrichtig leid.');
    expect(letter.body.text).toContain('Checkliste bei jeder Rückgabe.');
    expect(letter.body.text).toContain('Gutschein über 20,00');
    expect(letter.body.text).toContain('Anna Agent');
    // Sending is refused while the second point has no answer and the cause has no category.
    const refused = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/letter/send`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CASE_INCOMPLETE');
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual([
      `points.${k.points[1].id}`,
      'rootCauseCode',
    ]);
  });

  it('sends the letter in English to an English customer and counts it as the first response', async () => {
    t.clock.set(MONDAY);
    const c = await customer({ name: 'John Smith', locale: 'en', ownerId: t.staff.agent.id });
    const k = await openCase({ customerId: c.id, points: [{ text: 'The car was dirty.' }] });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'We have changed our cleaning routine.',
      outcome: 'resolved',
    });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      ...EXPLANATION,
      apology: 'We are sorry that we let you down.',
    });
    t.clock.set('2026-03-02T11:00:00.000Z');
    const sent = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/letter/send`);
    expect(sent.status).toBe(200);
    expect(sent.body.text).toContain(
      '1. The car was dirty.\n   Our answer: We have changed our cleaning routine.',
    );
    expect(sent.body.text).toContain('We are sorry that we let you down.');
    expect(sent.body.text).toContain(`So that it does not happen again: ${EXPLANATION.preventiveAction}`);
    expect(sent.body.text).toContain('Kind regards\nAnna Agent');
    const after = await t.request('agent', 'GET', `/api/v1/cases/${k.id}`);
    expect(after.body.firstResponseAt).toBe('2026-03-02T11:00:00.000Z');
    expect(after.body.letterSentAt).not.toBeNull();
    await t.drainJobs();
    expect(mailsTo(c.email).map((m) => m.subject)).toContain(`Your complaint ${k.reference}: our answer`);
    t.clock.set(MONDAY);
  });
});
