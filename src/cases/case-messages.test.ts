import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe('case conversation and search', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z', smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  let n = 0;
  /** A customer with e-mail and a case, created through the API; the acknowledgement is delivered. */
  const newCase = async (
    points: string[] = ['Der Termin wurde nicht eingehalten.'],
    customer: Record<string, unknown> = {},
  ) => {
    n++;
    const c = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kundin ${n}`,
      email: `kundin${n}@example.de`,
      ...customer,
    });
    expect(c.status).toBe(201);
    const res = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.body.id,
      points: points.map((text) => ({ text })),
    });
    expect(res.status).toBe(201);
    await t.drainJobs();
    return { customer: c.body, case: res.body };
  };
  const post = (caseId: string, body: Record<string, unknown>) =>
    t.request('agent', 'POST', `/api/v1/cases/${caseId}/messages`, body);
  const mailsTo = (email: string) =>
    smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(email));
  const search = async (q: string) =>
    (await t.request('agent', 'GET', `/api/v1/cases/search?q=${encodeURIComponent(q)}`)).body;

  it('never mails an internal note', async () => {
    const { customer, case: c } = await newCase();
    const before = mailsTo(customer.email).length;
    const res = await post(c.id, {
      direction: 'internal',
      body: 'Kunde ist Stammkunde seit 2010, bitte kulant sein.',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      direction: 'internal',
      channel: 'note',
      mailed: false,
      author: { type: 'staff', name: 'Anna Agent' },
    });
    await t.drainJobs();
    expect(mailsTo(customer.email)).toHaveLength(before);
    const list = await t.request('agent', 'GET', `/api/v1/cases/${c.id}/messages`);
    expect(list.body.items.map((m: { direction: string }) => m.direction)).toEqual(['internal']);
    expect((await t.request('agent', 'GET', `/api/v1/cases/${c.id}`)).body.firstResponseAt).toBeNull();
  });

  it('mails an out message to the customer as plain text and counts it as the first response', async () => {
    const { customer, case: c } = await newCase();
    t.clock.advance(30 * 60_000);
    const body = 'Guten Tag, wir kümmern uns darum. <script>alert(1)</script>';
    const res = await post(c.id, { direction: 'out', body });
    expect(res.status).toBe(201);
    expect(res.body.mailed).toBe(true);
    await t.drainJobs();
    await smtp.waitFor(1);
    const mails = mailsTo(customer.email).filter((m) => m.subject?.includes('Nachricht von Anna Agent'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(c.reference);
    expect(mails[0].text).toContain(body);
    expect(mails[0].html).toBeFalsy();
    const got = (await t.request('agent', 'GET', `/api/v1/cases/${c.id}`)).body;
    expect(got.firstResponseAt).toBe(t.clock.now().toISOString());
    expect(got.status).toBe('open');
  });

  it('records a phone reply without mailing it and counts it as the first response', async () => {
    const { customer, case: c } = await newCase();
    const before = mailsTo(customer.email).length;
    const res = await post(c.id, {
      direction: 'out',
      channel: 'phone',
      body: 'Rückruf: Termin neu vereinbart.',
    });
    expect(res.body.mailed).toBe(false);
    await t.drainJobs();
    expect(mailsTo(customer.email)).toHaveLength(before);
    expect((await t.request('agent', 'GET', `/api/v1/cases/${c.id}`)).body.firstResponseAt).not.toBeNull();
  });

  it('resumes a case waiting for the customer when a message from the customer is recorded', async () => {
    const { case: c } = await newCase();
    await post(c.id, { direction: 'out', body: 'Bitte senden Sie uns die Rechnungsnummer.' });
    const paused = await t.request('agent', 'PATCH', `/api/v1/cases/${c.id}`, { status: 'waiting_customer' });
    expect(paused.body.status).toBe('waiting_customer');
    expect(paused.body.slaPaused).toBe(true);
    t.clock.advance(60 * 60_000);
    const res = await post(c.id, {
      direction: 'in',
      channel: 'phone',
      body: 'Die Rechnungsnummer ist 4711.',
    });
    expect(res.status).toBe(201);
    expect(res.body.author).toMatchObject({ type: 'customer', userId: null });
    const got = (await t.request('agent', 'GET', `/api/v1/cases/${c.id}`)).body;
    expect(got.status).toBe('open');
    expect(got.slaPaused).toBe(false);
  });

  it('refuses a message from the customer without a channel, naming the field and recording nothing', async () => {
    const { case: c } = await newCase();
    const res = await post(c.id, { direction: 'in', body: 'Hallo?' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].path).toBe('channel');
    expect((await t.request('agent', 'GET', `/api/v1/cases/${c.id}/messages`)).body.items).toHaveLength(0);
  });

  it('refuses an e-mail reply to a customer without an e-mail address, naming the channel', async () => {
    const { case: c } = await newCase(undefined, { email: null });
    const res = await post(c.id, { direction: 'out', body: 'Antwort' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('channel');
    expect((await t.request('agent', 'GET', `/api/v1/cases/${c.id}`)).body.firstResponseAt).toBeNull();
  });

  it('pages through a conversation oldest first', async () => {
    const { case: c } = await newCase();
    for (let i = 0; i < 5; i++) {
      await post(c.id, { direction: 'internal', body: `Notiz ${i}` });
      t.clock.advance(60_000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.request(
        'agent',
        'GET',
        `/api/v1/cases/${c.id}/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((m: { body: string }) => m.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Notiz 0', 'Notiz 1', 'Notiz 2', 'Notiz 3', 'Notiz 4']);
  });

  it('stores a PDF attachment and serves it as a download that is never sniffed', async () => {
    const { case: c } = await newCase();
    const m = await post(c.id, { direction: 'in', channel: 'email', body: 'Anbei die Rechnung.' });
    const up = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/messages/${m.body.id}/attachments`, {
      filename: 'Rechnung März.pdf',
      contentType: 'application/pdf',
      dataBase64: PDF.toString('base64'),
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      filename: 'Rechnung März.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    const res = await t.server.inject({
      method: 'GET',
      url: `/api/v1/cases/${c.id}/messages/${m.body.id}/attachments/${up.body.id}`,
      headers: { authorization: `Bearer ${t.staff.agent.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const list = await t.request('agent', 'GET', `/api/v1/cases/${c.id}/messages`);
    expect(list.body.items[0].attachments.map((a: { id: string }) => a.id)).toEqual([up.body.id]);
  });

  it('refuses a .pdf whose bytes are not a PDF, naming the data field', async () => {
    const { case: c } = await newCase();
    const m = await post(c.id, { direction: 'internal', body: 'Foto vom Kratzer' });
    const res = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/messages/${m.body.id}/attachments`, {
      filename: 'kratzer.pdf',
      contentType: 'application/pdf',
      dataBase64: PNG.toString('base64'),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('dataBase64');
    expect(
      (await t.request('agent', 'GET', `/api/v1/cases/${c.id}/messages`)).body.items[0].attachments,
    ).toEqual([]);
  });

  it('refuses a file name whose extension does not fit the declared type', async () => {
    const { case: c } = await newCase();
    const m = await post(c.id, { direction: 'internal', body: 'Skript' });
    const res = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/messages/${m.body.id}/attachments`, {
      filename: 'rechnung.exe',
      contentType: 'application/pdf',
      dataBase64: PDF.toString('base64'),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('filename');
  });

  it('refuses a type outside the allow-list, naming the content type', async () => {
    const { case: c } = await newCase();
    const m = await post(c.id, { direction: 'internal', body: 'HTML' });
    const res = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/messages/${m.body.id}/attachments`, {
      filename: 'seite.html',
      contentType: 'text/html',
      dataBase64: Buffer.from('<html></html>').toString('base64'),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('contentType');
  });

  it('refuses an attachment above 10 MB, naming the data field', async () => {
    const { case: c } = await newCase();
    const m = await post(c.id, { direction: 'internal', body: 'Großer Scan' });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    const res = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/messages/${m.body.id}/attachments`, {
      filename: 'scan.txt',
      contentType: 'text/plain',
      dataBase64: big.toString('base64'),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('dataBase64');
  });

  it('finds a case by an inflected German word of a message', async () => {
    const { case: c } = await newCase(['Das Auto macht Geräusche.']);
    await post(c.id, {
      direction: 'in',
      channel: 'email',
      body: 'Die Bremsen quietschen seit der Inspektion fürchterlich.',
    });
    const res = await search('Bremse');
    expect(res.items.map((i: { caseId: string }) => i.caseId)).toContain(c.id);
    const hit = res.items.find((i: { caseId: string }) => i.caseId === c.id);
    expect(hit.matchedIn).toBe('message');
    expect(hit.snippet).toContain('«Bremsen»');
    expect(hit.reference).toBe(c.reference);
    expect((await search('quietsch')).items.map((i: { caseId: string }) => i.caseId)).toContain(c.id);
  });

  it('finds a case by its complaint text', async () => {
    const { case: c } = await newCase(['Der Leihwagen war verschmutzt und roch nach Zigaretten.']);
    const res = await search('Leihwagen verschmutzt');
    expect(res.items.map((i: { caseId: string }) => i.caseId)).toEqual([c.id]);
    expect(['complaint', 'point']).toContain(res.items[0].matchedIn);
    expect((await search('Wohnmobil')).items).toEqual([]);
  });

  const caseIdsFor = async (q: string) => (await search(q)).items.map((i: { caseId: string }) => i.caseId);
  const hitFor = async (q: string, caseId: string) =>
    (await search(q)).items.find((i: { caseId: string }) => i.caseId === caseId);

  it('finds a case by the text of a point added after creation', async () => {
    const { case: c } = await newCase(['Der Wagen wurde zu spät übergeben.']);
    expect(await caseIdsFor('Scheibenwischer')).not.toContain(c.id);
    const res = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/points`, {
      text: 'Die Scheibenwischer waren kaputt.',
    });
    expect(res.status).toBe(201);
    const hit = await hitFor('Scheibenwischer', c.id);
    expect(hit?.matchedIn).toBe('point');
    expect(hit?.snippet).toContain('«Scheibenwischer»');
  });

  it('finds the parts of a split point and no longer the retired point', async () => {
    n++;
    const cus = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kundin ${n}`,
      email: `k${n}@example.de`,
    });
    const created = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: cus.body.id,
      description: 'Beschwerde über die Rückgabe am Montag.',
      points: [{ text: 'Felgenkratzer und Tankfüllung' }],
    });
    expect(created.status).toBe(201);
    const c = created.body;
    expect(await caseIdsFor('Felgenkratzer')).toContain(c.id);
    const split = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/points/${c.points[0].id}/split`, {
      texts: ['Kratzer an der Alufelge hinten links.', 'Die Tankfüllung wurde nicht erstattet.'],
    });
    expect(split.status).toBe(201);
    expect((await hitFor('Alufelge', c.id))?.matchedIn).toBe('point');
    expect((await hitFor('Tankfüllung erstattet', c.id))?.matchedIn).toBe('point');
    expect(await caseIdsFor('Felgenkratzer')).not.toContain(c.id);
  });

  it('finds the text of merged points', async () => {
    const { case: c } = await newCase(['Der Motor ruckelt.', 'Das Getriebe knackt.']);
    const merged = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/points/merge`, {
      pointIds: c.points.map((p: { id: string }) => p.id),
      text: 'Antriebsstrang defekt: Motor ruckelt und Getriebe knackt.',
    });
    expect(merged.status).toBe(201);
    const hit = await hitFor('Antriebsstrang', c.id);
    expect(hit?.matchedIn).toBe('point');
  });

  it('finds a case by a subject and a requested remedy set after creation', async () => {
    const { case: c } = await newCase(['Der Termin wurde abgesagt.']);
    expect(await caseIdsFor('Wertgutschein')).not.toContain(c.id);
    const res = await t.request('agent', 'PATCH', `/api/v1/cases/${c.id}`, {
      subject: 'Verärgerung Terminabsage',
      requestedRemedy: 'Ein Wertgutschein für die nächste Inspektion.',
    });
    expect(res.status).toBe(200);
    expect((await hitFor('Wertgutschein', c.id))?.matchedIn).toBe('complaint');
    expect((await hitFor('Terminabsage', c.id))?.matchedIn).toBe('complaint');
  });

  it("no longer finds an erased customer's complaint or messages", async () => {
    const { customer, case: c } = await newCase(['Die Klimaanlage der Limousine riecht muffig.']);
    await post(c.id, { direction: 'in', channel: 'phone', body: 'Der Zahnriemen wurde nicht gewechselt.' });
    expect((await search('Klimaanlage')).items.map((i: { caseId: string }) => i.caseId)).toContain(c.id);
    expect((await search('Zahnriemen')).items.map((i: { caseId: string }) => i.caseId)).toContain(c.id);
    expect((await t.request('admin', 'POST', `/api/v1/customers/${customer.id}/erase`)).status).toBe(204);
    await t.drainJobs();
    expect((await search('Klimaanlage')).items).toEqual([]);
    expect((await search('Zahnriemen')).items).toEqual([]);
    const list = await t.request('agent', 'GET', `/api/v1/cases/${c.id}/messages`);
    expect(list.body.items[0].body).toBe('');
    expect(list.body.items[0].author.name).toBe('erased');
  });

  it('exports the conversation with the customer data', async () => {
    const { customer, case: c } = await newCase();
    await post(c.id, { direction: 'in', channel: 'letter', body: 'Brief vom Kunden' });
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${customer.id}/export`);
    expect(exp.body.data.caseConversation.messages.map((m: { body: string }) => m.body)).toEqual([
      'Brief vom Kunden',
    ]);
  });

  it('answers 404 for messages of an unknown case', async () => {
    const res = await post('case_nothing', { direction: 'internal', body: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
