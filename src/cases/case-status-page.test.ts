// The customer's status page: linked from the acknowledgement and every update, shows points,
// answers, commitments and the owner; a GET writes nothing; a reply becomes an inbound message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintForm, linkIn } from '../../test/helpers/complaint-form.js';
import { fingerprintDiff, fingerprintReader } from '../../test/helpers/db-fingerprint.js';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

describe('complaint status page', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z', smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const mailsTo = (email: string) => smtp.messages.filter((m) => JSON.stringify(m.to ?? '').includes(email));
  /** A customer's case opened by an agent; returns the case and the status link of its acknowledgement. */
  const openCase = async (points: string[], customer: Record<string, unknown> = {}) => {
    n++;
    const email = `status${n}@example.de`;
    const c = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kundin ${n}`,
      email,
      ...customer,
    });
    const k = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.body.id,
      points: points.map((text) => ({ text })),
    });
    expect(k.status).toBe(201);
    await t.drainJobs();
    const link = linkIn(mailsTo(email).at(-1)?.text, 'status');
    expect(link).not.toBeNull();
    return { email, customer: c.body, case: k.body, link: link! };
  };
  const nonceOf = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const postForm = (url: string, fields: Record<string, string>) =>
    t.request(null, 'POST', url, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });

  it('shows the points, the answers so far, the commitments with due dates and the owner name', async () => {
    const { case: k, link } = await openCase(['Der Wagen war schmutzig.', 'Die Rechnung war doppelt.']);
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[1].id}`, {
      answer: 'Wir haben die doppelte Buchung storniert.',
      outcome: 'resolved',
    });
    const commitment = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/commitments`, {
      kind: 'refund',
      description: 'Erstattung der Reinigungsgebühr',
      dueAt: '2026-03-06T15:00:00.000Z',
    });
    expect(commitment.status).toBe(201);
    const page = await t.request(null, 'GET', link);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain(`Ihre Beschwerde ${k.reference}`);
    expect(page.text).toContain('Der Wagen war schmutzig.');
    expect(page.text).toContain('Noch nicht beantwortet.');
    expect(page.text).toContain('Wir haben die doppelte Buchung storniert.');
    expect(page.text).toContain('Erstattung der Reinigungsgebühr');
    expect(page.text).toContain('fällig Freitag, 6. März 2026 um 16:00');
    expect(k.ownerName).toBeTruthy();
    expect(page.text).toContain(k.ownerName);
  });

  it('puts a new status link into every update mail to the customer', async () => {
    const { email, case: k } = await openCase(['Termin verpasst.']);
    const sent = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/messages`, {
      direction: 'out',
      body: 'Wir kümmern uns darum.',
    });
    expect(sent.status).toBe(201);
    await t.drainJobs();
    const mails = mailsTo(email);
    expect(mails).toHaveLength(2);
    const [ackLink, updateLink] = mails.map((m) => linkIn(m.text, 'status'));
    expect(updateLink).not.toBeNull();
    expect(updateLink).not.toBe(ackLink);
    expect((await t.request(null, 'GET', updateLink!)).status).toBe(200);
  });

  it('puts a status link into the resolution letter', async () => {
    const { email, case: k } = await openCase(['Der Ölwechsel fehlte.']);
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      apology: 'Es tut uns leid.',
      rootCauseCode: 'process',
      rootCauseAnalysis: 'Checkliste unvollständig.',
      preventiveAction: 'Checkliste ergänzt.',
    });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'Wir holen den Ölwechsel kostenlos nach.',
      outcome: 'resolved',
    });
    const sent = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/letter/send`);
    expect(sent.status).toBe(200);
    await t.drainJobs();
    const letter = mailsTo(email).at(-1)!;
    expect(letter.text).toContain('Wir holen den Ölwechsel kostenlos nach.');
    const link = linkIn(letter.text, 'status');
    expect(link).not.toBeNull();
    expect((await t.request(null, 'GET', link!)).text).toContain('Wir holen den Ölwechsel kostenlos nach.');
  });

  it('stops every status link of a customer who is erased', async () => {
    const { customer, link } = await openCase(['Bitte löschen Sie meine Daten.']);
    expect((await t.request(null, 'GET', link)).status).toBe(200);
    expect((await t.request('admin', 'POST', `/api/v1/customers/${customer.id}/erase`)).status).toBe(204);
    const after = await t.request(null, 'GET', link);
    expect(after.status).toBe(404);
    expect(after.text).not.toContain('Bitte löschen Sie meine Daten.');
  });

  it('changes nothing in the database when the page is fetched', async () => {
    const { link } = await openCase(['Kein Rückruf.']);
    const fingerprint = await fingerprintReader(t.ctx);
    const before = await fingerprint();
    t.clock.advance(60_000);
    for (const url of [link, `${link}/confirm`, '/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'])
      await t.request(null, 'GET', url);
    expect(fingerprintDiff(before, await fingerprint(), () => false)).toEqual([]);
  });

  it('answers an unknown link with a clear page in both languages and an expired one in the customer language', async () => {
    const wrong = await t.request(null, 'GET', '/c/not-a-token');
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('Dieser Link ist ungültig');
    expect(wrong.text).toContain('This link is not valid');
    const { link } = await openCase(['Zu spät geliefert.'], { locale: 'en' });
    t.clock.advance(91 * 86_400_000);
    try {
      const expired = await t.request(null, 'GET', link);
      expect(expired.status).toBe(410);
      expect(expired.text).toContain('This link has expired');
      const reply = await postForm(link, { nonce: 'x', message: 'Hallo?' });
      expect(reply.status).toBe(410);
    } finally {
      t.clock.set('2026-03-02T09:00:00.000Z');
    }
  });

  it('turns a reply on the page into an inbound message that reopens a resolved case', async () => {
    const { case: k, link } = await openCase(['Die Heizung ist kalt.']);
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      apology: 'Es tut uns leid.',
      rootCauseCode: 'process',
      rootCauseAnalysis: 'Wartung vergessen.',
      preventiveAction: 'Wartungsplan mit Erinnerung.',
    });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'Die Heizung ist repariert.',
      outcome: 'resolved',
    });
    const resolved = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`);
    expect(resolved.body.status).toBe('resolved');
    const page = await t.request(null, 'GET', link);
    const reply = await postForm(link, { nonce: nonceOf(page.text), message: 'Sie ist schon wieder kalt.' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('Ihre Nachricht wurde zu Ihrer Beschwerde');
    const messages = (await t.request('agent', 'GET', `/api/v1/cases/${k.id}/messages`)).body.items;
    expect(messages.at(-1)).toMatchObject({
      direction: 'in',
      channel: 'web',
      body: 'Sie ist schon wieder kalt.',
      author: { type: 'customer' },
    });
    const after = await t.request('agent', 'GET', `/api/v1/cases/${k.id}`);
    expect(after.body).toMatchObject({ status: 'reopened', reopenCount: 1 });
  });

  it('refuses a reply without the page nonce or without text, keeping the case as it was', async () => {
    const { case: k, link } = await openCase(['Falsche Farbe.']);
    const forged = await postForm(link, { nonce: 'forged', message: 'Hallo' });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Bitte senden Sie Ihre Nachricht noch einmal');
    const page = await t.request(null, 'GET', link);
    const empty = await postForm(link, { nonce: nonceOf(page.text), message: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Bitte schreiben Sie eine Nachricht.');
    expect((await t.request('agent', 'GET', `/api/v1/cases/${k.id}/messages`)).body.items).toEqual([]);
  });

  it('never renders customer or staff text as HTML on the page', async () => {
    const payload = '<script>alert(1)</script>';
    const { case: k, link } = await openCase([payload]);
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: `Antwort ${payload}`,
      outcome: 'explained',
    });
    const page = await t.request(null, 'GET', link);
    expect(page.text).not.toContain(payload);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const again = await postForm(link, { nonce: 'forged', message: payload });
    expect(again.text).not.toContain(payload);
    expect(again.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows an unconfirmed form complaint only after confirming, never its text before', async () => {
    const form = complaintForm(t);
    const filed = await form.submit({ name: 'Fremd', email: 'fremd@example.org', point1: 'Geheimer Text.' });
    expect(filed.status).toBe(201);
    await t.drainJobs();
    const confirm = linkIn(mailsTo('fremd@example.org')[0]!.text, 'confirm')!;
    const status = confirm.replace(/\/confirm$/, '');
    const before = await t.request(null, 'GET', status);
    expect(before.status).toBe(200);
    expect(before.text).toContain('Beschwerde bestätigen');
    expect(before.text).not.toContain('Geheimer Text.');
    const refused = await postForm(status, { nonce: nonceOf(before.text), message: 'Hallo' });
    expect(refused.status).toBe(409);
    await postForm(confirm, { nonce: nonceOf(before.text) });
    const after = await t.request(null, 'GET', status);
    expect(after.text).toContain('Geheimer Text.');
  });
});
