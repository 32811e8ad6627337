// The public complaint form, safe and lawful: single-use tokens, no echo to unconfirmed addresses,
// unverified cases until the address owner confirms, the admin's privacy notice, English, uploads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintForm, linkIn } from '../../test/helpers/complaint-form.js';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe('public complaint form: safe and lawful', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let form: ReturnType<typeof complaintForm>;
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      now: '2026-03-02T09:00:00.000Z',
      smtpUrl: smtp.url,
      config: { trustProxy: '127.0.0.1' },
    });
    form = complaintForm(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const mailsTo = (email: string) => smtp.messages.filter((m) => JSON.stringify(m.to ?? '').includes(email));
  const casesOf = async (email: string) => {
    const [c] = (await t.request('agent', 'GET', `/api/v1/customers?q=${encodeURIComponent(email)}`)).body
      .items;
    if (!c) return [];
    return (await t.request('agent', 'GET', `/api/v1/cases/inbox?customerId=${c.id}`)).body.items;
  };
  const fresh = () => `form${++n}@example.net`;

  it('refuses a second submission with the same form token with a clear message and files once', async () => {
    const email = fresh();
    const first = await form.submit({ name: 'Eva', email, point1: 'Die Lieferung kam zu spät.' });
    expect(first.status).toBe(201);
    const again = await form.post(
      { lang: 'de', token: first.token, name: 'Eva', email, point1: 'Die Lieferung kam zu spät.' },
      first.from,
    );
    expect(again.status).toBe(409);
    expect(again.text).toContain('Dieses Formular wurde bereits einmal abgeschickt');
    expect(again.text).toMatch(/name="token" value="[^"]+"/);
    expect(await casesOf(email)).toHaveLength(1);
  });

  it('acknowledges to an unknown address without the submitted text, with a confirmation link', async () => {
    const email = fresh();
    const res = await form.submit({
      name: 'Spam Relay',
      email,
      point1: 'Cheap pills at http://spam.example',
      remedy: 'Visit http://spam.example',
    });
    expect(res.status).toBe(201);
    await t.drainJobs();
    const [mail] = mailsTo(email);
    expect(mail?.text).toBeDefined();
    expect(mail!.text).not.toContain('spam.example');
    expect(mail!.text).not.toContain('Spam Relay');
    expect(linkIn(mail!.text, 'confirm')).toMatch(/^\/c\/[A-Za-z0-9_-]{43}\/confirm$/);
    expect(linkIn(mail!.text, 'status')).toBeNull();
  });

  it('files a complaint with a known customer e-mail as unverified until the customer confirms through the mailed link', async () => {
    const known = (
      await t.request('agent', 'POST', '/api/v1/customers', { name: 'Karl Kunde', email: 'karl@example.de' })
    ).body;
    const res = await form.submit({
      name: 'Not Karl',
      email: 'karl@example.de',
      point1: 'Ich will mein Geld zurück.',
    });
    expect(res.status).toBe(201);
    const [item] = (await t.request('agent', 'GET', `/api/v1/cases/inbox?customerId=${known.id}`)).body.items;
    const before = await t.request('agent', 'GET', `/api/v1/cases/${item.id}`);
    expect(before.body.verification).toBe('unverified');
    await t.drainJobs();
    const [mail] = mailsTo('karl@example.de');
    // The address is the customer's own: the acknowledgement names the points and asks to confirm.
    expect(mail!.text).toContain('Ich will mein Geld zurück.');
    const confirm = linkIn(mail!.text, 'confirm')!;
    const page = await t.request(null, 'GET', confirm);
    expect(page.status).toBe(200);
    expect((await t.request('agent', 'GET', `/api/v1/cases/${item.id}`)).body.verification).toBe(
      'unverified',
    );
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.text)![1]!;
    const done = await t.request(null, 'POST', confirm, new URLSearchParams({ nonce }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Danke für Ihre Bestätigung');
    const after = await t.request('agent', 'GET', `/api/v1/cases/${item.id}`);
    expect(after.body.verification).toBe('verified');
    const audit = await t.request('agent', 'GET', `/api/v1/cases/${item.id}/audit`);
    expect(JSON.stringify(audit.body)).toContain('verify');
  });

  it('does not confirm through a POST without the page nonce', async () => {
    const email = fresh();
    await form.submit({ name: 'Nina', email, point1: 'Kaputt.' });
    await t.drainJobs();
    const confirm = linkIn(mailsTo(email)[0]!.text, 'confirm')!;
    const res = await t.request(null, 'POST', confirm, 'nonce=forged', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    const [item] = await casesOf(email);
    expect((await t.request('agent', 'GET', `/api/v1/cases/${item.id}`)).body.verification).toBe(
      'unverified',
    );
  });

  it('shows the privacy notice under the form, and only an admin can change it', async () => {
    const page = await form.getForm('?lang=de');
    expect(page.res.text).toContain('Datenschutzhinweis');
    expect(page.res.text).toContain('Art. 6 Abs. 1 lit. b und f DSGVO');
    const notice = {
      de: 'Verantwortlich: <b>Autohaus Muster GmbH</b>, Hauptstraße 1.\n\nIhre Rechte: Auskunft und Löschung.',
      en: 'Controller: Autohaus Muster GmbH, Hauptstraße 1.\n\nYour rights: access and erasure.',
    };
    expect((await t.request('agent', 'GET', '/api/v1/settings/complaint-privacy-notice')).status).toBe(200);
    for (const role of ['agent', 'manager'] as const)
      expect((await t.request(role, 'PUT', '/api/v1/settings/complaint-privacy-notice', notice)).status).toBe(
        403,
      );
    expect((await t.request(null, 'PUT', '/api/v1/settings/complaint-privacy-notice', notice)).status).toBe(
      401,
    );
    const saved = await t.request('admin', 'PUT', '/api/v1/settings/complaint-privacy-notice', notice);
    expect(saved.status).toBe(200);
    const de = await form.getForm('?lang=de');
    expect(de.res.text).toContain('Verantwortlich: &lt;b&gt;Autohaus Muster GmbH&lt;/b&gt;');
    expect(de.res.text).not.toContain('<b>Autohaus');
    expect((await form.getForm('?lang=en')).res.text).toContain('Controller: Autohaus Muster GmbH');
    const tooShort = await t.request('admin', 'PUT', '/api/v1/settings/complaint-privacy-notice', {
      de: 'x',
      en: notice.en,
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors[0].path).toBe('de');
  });

  it('speaks English to a browser that prefers it, and switches language by the link', async () => {
    const en = await form.getForm('', { 'accept-language': 'en-GB,en;q=0.9,de;q=0.4' });
    expect(en.res.text).toContain('<html lang="en">');
    expect(en.res.text).toContain('Make a complaint');
    expect(en.res.text).toContain('href="/complaint?lang=de"');
    const de = await form.getForm('', { 'accept-language': 'fr-FR,de;q=0.8,en;q=0.5' });
    expect(de.res.text).toContain('<html lang="de">');
    const switched = await form.getForm('?lang=en', { 'accept-language': 'de-DE' });
    expect(switched.res.text).toContain('<html lang="en">');
    expect(switched.res.text).toContain('name="lang" value="en"');
    const filed = await form.submit({ lang: 'en', name: 'Sam', email: fresh(), point1: 'Late.' });
    expect(filed.text).toContain('We have received your complaint');
  });

  it('keeps photos and PDFs sent with the form on the case', async () => {
    const email = fresh();
    const res = await form.submit({ name: 'Foto', email, point1: 'Der Kratzer am Auto.' }, [
      { filename: 'kratzer.png', contentType: 'image/png', data: PNG },
      { filename: 'Rechnung.pdf', contentType: 'application/pdf', data: PDF },
    ]);
    expect(res.status).toBe(201);
    const [item] = await casesOf(email);
    const messages = (await t.request('agent', 'GET', `/api/v1/cases/${item.id}/messages`)).body.items;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ direction: 'in', channel: 'web' });
    const files = messages[0].attachments;
    expect(files.map((a: { filename: string; contentType: string }) => [a.filename, a.contentType])).toEqual([
      ['kratzer.png', 'image/png'],
      ['Rechnung.pdf', 'application/pdf'],
    ]);
    const download = await t.server.inject({
      method: 'GET',
      url: `/api/v1/cases/${item.id}/messages/${messages[0].id}/attachments/${files[1].id}`,
      headers: { authorization: `Bearer ${t.staff.agent.token}` },
    });
    expect(download.rawPayload.equals(PDF)).toBe(true);
  });

  it.each([
    [
      'a text file',
      { filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('hello') },
      'nur Fotos',
    ],
    [
      'a PDF named as a photo',
      { filename: 'foto.png', contentType: 'image/png', data: PDF },
      'kein gültiges Foto',
    ],
    [
      'a file over 10 MB',
      {
        filename: 'gross.pdf',
        contentType: 'application/pdf',
        data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
      },
      'höchstens 10 MB',
    ],
  ])(
    'refuses %s with the form again, naming the attachment field, and files nothing',
    async (_n, file, words) => {
      const email = fresh();
      const res = await form.submit({ name: 'Datei', email, point1: 'Siehe Anhang.' }, [file]);
      expect(res.status).toBe(400);
      expect(res.text).toContain('id="attachments-error"');
      expect(res.text.toLowerCase()).toContain(words.toLowerCase());
      expect(res.text).toContain('Siehe Anhang.');
      expect(await casesOf(email)).toEqual([]);
    },
  );

  it('answers a malformed multipart body with the rejection page and files nothing', async () => {
    const { from } = await form.getForm();
    for (const payload of ['--x\r\nno headers end', 'not multipart at all', '--x--\r\n']) {
      const res = await t.server.inject({
        method: 'POST',
        url: '/complaint',
        payload,
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'x-forwarded-for': from },
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Ihre Eingabe konnte nicht angenommen werden');
    }
  });

  it('never renders the submitted text as HTML: a <script> payload comes back escaped', async () => {
    const payload = '<script>alert(1)</script>';
    const bad = await form.submit({ name: payload, email: 'kein-mail', point1: payload });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain(payload);
    expect(bad.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const ok = await form.submit({ name: payload, email: fresh(), point1: payload });
    expect(ok.status).toBe(201);
    expect(ok.text).not.toContain(payload);
    expect(ok.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
