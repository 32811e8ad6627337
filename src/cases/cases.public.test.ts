import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

describe('public complaint form', () => {
  let t: TestApp;
  let ip = 0;
  beforeAll(async () => {
    // As deployed behind a local reverse proxy: the client address comes from X-Forwarded-For.
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z', config: { trustProxy: '127.0.0.1' } });
  });
  afterAll(() => t.close());

  const getForm = async (lang = 'de', from = `10.0.0.${++ip}`) => {
    const res = await t.request(null, 'GET', `/complaint?lang=${lang}`, undefined, {
      'x-forwarded-for': from,
    });
    const token = /name="token" value="([^"]+)"/.exec(res.text)?.[1] ?? '';
    return { res, token, from };
  };
  const post = (fields: Record<string, string>, from: string) =>
    t.request(null, 'POST', '/complaint', new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': from,
    });
  const customersNamed = async (q: string) =>
    (await t.request('agent', 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}`)).body.items;

  it('renders a labelled, mobile-friendly form in the requested language without login', async () => {
    const { res } = await getForm('en');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('name="viewport"');
    expect(res.text).toContain('<label for="email">Your e-mail address</label>');
    expect((await getForm('de')).res.text).toContain('Beschwerde einreichen');
  });

  it('rejects a submission whose honeypot field is filled and creates nothing', async () => {
    const { token, from } = await getForm();
    t.clock.advance(10_000);
    const res = await post(
      {
        lang: 'de',
        token,
        name: 'Bot',
        email: 'bot@spam.example',
        point1: 'Buy now',
        website: 'http://spam.example',
      },
      from,
    );
    expect(res.status).toBe(400);
    expect(await customersNamed('bot@spam.example')).toEqual([]);
  });

  it('rejects a submission sent faster than a person can fill the form', async () => {
    const { token, from } = await getForm();
    const res = await post(
      { lang: 'de', token, name: 'Schnell', email: 'fast@example.de', point1: 'x' },
      from,
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('zu schnell');
    expect(await customersNamed('fast@example.de')).toEqual([]);
  });

  it('rejects a forged or day-old token', async () => {
    const { token, from } = await getForm();
    t.clock.advance(10_000);
    const forged = await post(
      {
        lang: 'de',
        token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        name: 'F',
        email: 'forged@example.de',
        point1: 'x',
      },
      from,
    );
    expect(forged.status).toBe(400);
    t.clock.advance(86_400_000);
    const old = await post({ lang: 'de', token, name: 'F', email: 'forged@example.de', point1: 'x' }, from);
    expect(old.status).toBe(400);
    expect(old.text).toContain('abgelaufen');
    expect(await customersNamed('forged@example.de')).toEqual([]);
  });

  it('files a valid complaint as a case for a new prospect and confirms with the reference, escaping their text', async () => {
    const { token, from } = await getForm('en');
    t.clock.advance(20_000);
    const res = await post(
      {
        lang: 'en',
        token,
        name: '<script>alert(1)</script> Sam',
        email: 'sam@example.co.uk',
        point1: 'The car was <b>dirty</b>.',
        point2: 'The washer fluid was empty.',
        remedy: 'A refund',
        website: '',
      },
      from,
    );
    expect(res.status).toBe(201);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('The car was &lt;b&gt;dirty&lt;/b&gt;.');
    const reference = /R-\d{4}-\d{6}/.exec(res.text)?.[0];
    expect(reference).toBeDefined();
    const [c] = await customersNamed('sam@example.co.uk');
    expect(c).toMatchObject({ status: 'prospect', locale: 'en' });
    const inbox = await t.request('agent', 'GET', `/api/v1/cases/inbox?customerId=${c.id}`);
    expect(inbox.body.items).toEqual([expect.objectContaining({ reference })]);
    const k = await t.request('agent', 'GET', `/api/v1/cases/${inbox.body.items[0].id}`);
    expect(k.body.channel).toBe('web');
    expect(k.body.points.map((p: { text: string }) => p.text)).toEqual([
      'The car was <b>dirty</b>.',
      'The washer fluid was empty.',
    ]);
  });

  it('files a complaint from a known e-mail address under the existing customer', async () => {
    const known = (
      await t.request('agent', 'POST', '/api/v1/customers', { name: 'Known', email: 'known@example.de' })
    ).body;
    const { token, from } = await getForm();
    t.clock.advance(20_000);
    const res = await post(
      { lang: 'de', token, name: 'Known', email: 'KNOWN@example.de', point1: 'Falsche Rechnung' },
      from,
    );
    expect(res.status).toBe(201);
    const inbox = await t.request('agent', 'GET', `/api/v1/cases/inbox?customerId=${known.id}`);
    expect(inbox.body.items).toHaveLength(1);
    const k = await t.request('agent', 'GET', `/api/v1/cases/${inbox.body.items[0].id}`);
    expect(k.body.verification).toBe('unverified');
  });

  it('answers a form with a missing concern and a bad e-mail with the form again, naming both fields', async () => {
    const { token, from } = await getForm('en');
    t.clock.advance(20_000);
    const res = await post({ lang: 'en', token, name: 'Pat', email: 'not-an-email', point1: '' }, from);
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="email-error"');
    expect(res.text).toContain('id="point1-error"');
    expect(res.text).toContain('value="Pat"');
  });

  it('limits submissions per IP address', async () => {
    const from = '10.9.9.9';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await post({ lang: 'de', token: 'x', name: 'R', email: 'r@example.de', point1: 'x' }, from)).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('complaint form secret', () => {
  it('keeps the form-signing secret out of the audit log', async () => {
    const t = await startTestApp();
    try {
      const stored = await t.ctx.db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('key', '=', 'cases.complaintFormSecret')
        .execute();
      expect(stored.length).toBeGreaterThan(0);
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select('changes')
        .where('entity_type', '=', 'setting')
        .execute();
      const log = JSON.stringify(audit);
      for (const s of stored) expect(log).not.toContain(JSON.parse(s.value));
    } finally {
      await t.close();
    }
  });
});
