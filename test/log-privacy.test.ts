// The log of a representative run carries no customer e-mail, phone number or name: customers
// created, searched for, changed and refused, complaint cases opened through the API and the public
// form, mails queued and sent. Health checks stay out of the info log.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const people = [
  { name: 'Henriette Quastenberg', email: 'henriette.quastenberg@example.de', phone: '+49 171 5550123' },
  { name: 'Bartholomäus Zwirbel', email: 'b.zwirbel@example.org', phone: '0221 5550987' },
];
const formPerson = { name: 'Ottilie Fransenhuber', email: 'ottilie@example.net', phone: '+43 660 5550456' };

describe('the log of a representative run', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    t = await startTestApp({ logStream: stream, config: { logLevel: 'info' } });

    for (const p of people) {
      const c = await t.request('agent', 'POST', '/api/v1/customers', { ...p, locale: 'de' });
      expect(c.status).toBe(201);
      // Searches by e-mail, phone and name put them into query strings.
      for (const q of [p.email, p.phone, p.name])
        expect((await t.request('agent', 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}`)).status).toBe(
          200,
        );
      const changed = await t.request('agent', 'PATCH', `/api/v1/customers/${c.body.id}`, {
        phone: `${p.phone}9`,
      });
      expect(changed.status).toBe(200);
      const k = await t.request('agent', 'POST', '/api/v1/cases', {
        customerId: c.body.id,
        points: [{ text: `${p.name} (${p.email}, ${p.phone}) wartet seit Wochen auf Rückruf.` }],
      });
      expect(k.status).toBe(201);
    }
    // Refused input: a malformed e-mail, an over-long name, a duplicate.
    const refused = [
      { name: people[0].name, email: 'henriette.quastenberg(at)example.de' },
      { name: `${people[1].name} `.repeat(40), email: people[1].email },
      { name: people[0].name, email: people[0].email, phone: 'x'.repeat(80) },
    ];
    for (const body of refused) {
      const res = await t.request('agent', 'POST', '/api/v1/customers', body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    // The public complaint form, as a customer without login submits it.
    const form = await t.request(null, 'GET', '/complaint?lang=de');
    const token = /name="token" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    t.clock.advance(30_000);
    const filed = await t.request(
      null,
      'POST',
      '/complaint',
      new URLSearchParams({
        lang: 'de',
        token,
        ...formPerson,
        point1: 'Die Rechnung ist falsch.',
        website: '',
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(filed.status).toBe(201);
    await t.drainJobs();
    for (const url of ['/healthz', '/readyz']) expect((await t.request(null, 'GET', url)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('logged the requests as JSON lines', () => {
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.filter((l) => l.msg === 'incoming request').length).toBeGreaterThan(15);
    expect(parsed.some((l) => l.req?.url === '/api/v1/customers?q=…')).toBe(true);
  });

  it('contains no customer e-mail, phone number or name in any line', () => {
    const secrets = [...people, formPerson].flatMap((p) => [
      p.email,
      p.phone,
      p.phone.replace(/\s/g, ''),
      encodeURIComponent(p.phone),
      p.name,
      ...p.name.split(' '),
      encodeURIComponent(p.email),
    ]);
    for (const line of lines)
      for (const s of secrets)
        expect(line.toLowerCase(), `log line leaks "${s}"`).not.toContain(s.toLowerCase());
  });

  it('does not log health checks at info', () => {
    const health = lines.filter((l) => /"url":"\/(healthz|readyz)/.test(l));
    expect(health).toEqual([]);
  });
});
