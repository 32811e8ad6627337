import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

/** The route patterns of the web app (web/src/App.tsx ROUTES), e.g. /inbox, /customers/:id. */
function webRoutes(): RegExp[] {
  const src = fs.readFileSync(path.resolve(__dirname, '../../web/src/App.tsx'), 'utf8');
  const block = src.slice(src.indexOf('export const ROUTES'), src.indexOf('} as const'));
  return [...block.matchAll(/'(\/[^']*)'/g)].map((m) => new RegExp(`^${m[1].replace(/:[^/]+/g, '[^/]+')}$`));
}

describe('retention: Monday-morning digest', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: '2026-03-03T09:00:00.000Z', smtpUrl: smtp.url });
    const en = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'manager.en@example.test',
      name: 'Mary Manager',
      role: 'manager',
      locale: 'en',
    });
    expect(en.status).toBe(201);
    const c = (await t.request('agent', 'POST', '/api/v1/customers', { name: 'Digest Kunde' })).body.id;
    // Week 10 (2–8 March 2026): two complaints, one surprise; week 9: one complaint.
    for (const at of ['2026-02-24T09:00:00.000Z', '2026-03-03T09:00:00.000Z', '2026-03-04T09:00:00.000Z']) {
      t.clock.set(at);
      expect(
        (
          await t.request('agent', 'POST', '/api/v1/cases', {
            customerId: c,
            points: [{ text: 'Defekt' }],
            receivedAt: at,
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (
        await t.request('agent', 'POST', '/api/v1/retention/surprises', {
          customerId: c,
          what: 'Kaffee und Kuchen',
        })
      ).status,
    ).toBe(201);
    // The digest runs Mondays at 06:00 in the company zone (Europe/Berlin, UTC+1 in March): 05:00Z.
    t.clock.set('2026-03-09T04:59:00.000Z'); // Monday 05:59 local
    await t.worker.ensureSchedules();
    await t.drainJobs();
    expect(digests()).toHaveLength(0);
    t.clock.set('2026-03-09T05:00:00.000Z');
    await t.drainJobs();
    await smtp.waitFor(2);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const digests = () => smtp.messages.filter((m) => /^(Montag-Morgen|Monday morning)/.test(m.subject ?? ''));
  const mailTo = (address: string) => digests().find((m) => JSON.stringify(m.to).includes(address))!;

  it('sends each manager the digest on Monday at 06:00 local time in their language, with HTML and text parts', async () => {
    const de = mailTo('manager@example.test');
    const en = mailTo('manager.en@example.test');
    expect(de.subject).toBe('Montag-Morgen: Kundenbindung in KW 10/2026');
    expect(en.subject).toBe('Monday morning: customer retention in week 10, 2026');
    expect(de.html).toContain('Neue Beschwerden');
    expect(de.text).toContain('Neue Beschwerden: 2 (Vorwoche: 1, Veränderung: +1)');
    expect(en.text).toContain('New complaints: 2 (Last week: 1, Change: +1)');
    expect(en.text).toContain("The team's positive surprises: 1 (Last week: 0, Change: +1)");
    expect(digests()).toHaveLength(2);
  });

  it('attaches the charts as inline PNG images referenced by cid in the HTML', async () => {
    const de = mailTo('manager@example.test');
    const images = de.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.map((a) => a.cid).sort()).toEqual(['complaints@digest', 'surprises@digest']);
    for (const a of images) {
      // mailparser resolves each cid: reference of the HTML into the attachment's data URI.
      expect(a.related).toBe(true);
      expect(de.html).toContain(`data:image/png;base64,${a.content.toString('base64')}`);
      expect(a.content.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('links only to existing web routes under PUBLIC_URL', async () => {
    const de = mailTo('manager@example.test');
    const hrefs = [...String(de.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThanOrEqual(3);
    const routes = webRoutes();
    for (const href of hrefs) {
      expect(href.startsWith(`${t.config.publicUrl}/`)).toBe(true);
      const p = new URL(href).pathname;
      expect(routes.some((r) => r.test(p))).toBe(true);
    }
  });

  it('sends the digest once per ISO week and recipient, also when an admin sends it again', async () => {
    const res = await t.request('admin', 'POST', '/api/v1/retention/digest/send');
    expect(res.body).toEqual({ week: '2026-W10', sent: 0, alreadySent: 2 });
    await t.drainJobs();
    expect(digests()).toHaveLength(2);
  });

  it('previews the digest in the requested language for managers', async () => {
    const res = await t.request('manager', 'GET', '/api/v1/retention/digest/preview?locale=en');
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Monday morning: customer retention in week 10, 2026');
    expect(res.body.html).toContain('cid:complaints@digest');
    expect(res.body.images).toHaveLength(2);
  });

  it('names the locale when the preview asks for an unknown one', async () => {
    const res = await t.request('manager', 'GET', '/api/v1/retention/digest/preview?locale=fr');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('locale');
  });

  it('forbids agents to preview and managers to send the digest', async () => {
    expect((await t.request('agent', 'GET', '/api/v1/retention/digest/preview')).status).toBe(403);
    expect((await t.request('manager', 'POST', '/api/v1/retention/digest/send')).status).toBe(403);
    expect((await t.request('agent', 'POST', '/api/v1/retention/digest/send')).status).toBe(403);
  });
});
