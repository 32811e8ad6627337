// The surveys tests' shared set-up: one app and one real SMTP server per describe block, customers
// with consent, survey requests, the mails that reached SMTP, and answering on the public page.
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect } from 'vitest';
import { startSmtp, type TestSmtp } from './smtp.js';
import { startTestApp, type TestApp } from './test-app.js';

type CustomerOptions = {
  consent?: 'opt_in' | 'existing_customer' | null;
  locale?: 'de' | 'en';
  email?: string | null;
};

/**
 * Registers beforeAll/afterAll that start the app (clock at 2026-03-02 09:00Z) with an SMTP server
 * and returns the helpers; `app()` is the running app once beforeAll has run.
 */
export function useSurveyApp() {
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

  /** A customer (owner: the manager) with an e-mail address and, unless told otherwise, an opt-in. */
  async function customer(opts: CustomerOptions = {}) {
    n++;
    const email = opts.email === undefined ? `kunde${n}@example.de` : opts.email;
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kunde ${n}`,
      email,
      locale: opts.locale ?? 'de',
      ownerId: t.staff.manager.id,
    });
    expect(res.status).toBe(201);
    const consent = opts.consent === undefined ? 'opt_in' : opts.consent;
    if (consent) {
      const c = await t.request('agent', 'POST', `/api/v1/customers/${res.body.id}/consents`, {
        channel: 'email',
        purpose: 'surveys',
        basis: consent,
        status: 'given',
        source: 'order form',
      });
      expect(c.status).toBe(201);
    }
    return res.body as { id: string; email: string };
  }

  /** Queues a survey by hand (as a manager) and runs the due jobs. */
  async function request(customerId: string, definitionCode: string, extra: Record<string, unknown> = {}) {
    const res = await t.request('manager', 'POST', '/api/v1/surveys/requests', {
      customerId,
      definitionCode,
      ...extra,
    });
    expect(res.status).toBe(202);
    await t.drainJobs();
  }

  const isSurvey = (m: ParsedMail) => /\/s\/[A-Za-z0-9_-]{43}/.test(m.text ?? '');
  const mailsTo = (email: string, surveysOnly = true) =>
    smtp.messages.filter((m) => (m.to as any)?.text === email && (!surveysOnly || isSurvey(m)));
  async function mailTo(email: string, index = 0, surveysOnly = true): Promise<ParsedMail> {
    for (let i = 0; i < 100 && mailsTo(email, surveysOnly).length <= index; i++)
      await new Promise((r) => setTimeout(r, 20));
    const m = mailsTo(email, surveysOnly)[index];
    expect(m, `mail #${index} to ${email}`).toBeDefined();
    return m;
  }
  const tokenOf = (m: ParsedMail) =>
    /\/s\/([A-Za-z0-9_-]{43})\?score=/.exec(m.text ?? '')?.[1] ??
    /\/s\/([A-Za-z0-9_-]{43})\b(?!\/)/.exec(m.text ?? '')![1];
  const nonceOf = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)![1];
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (url: string, fields: Record<string, string>) =>
    t.request(null, 'POST', url, form(fields), { 'content-type': 'application/x-www-form-urlencoded' });

  /** Opens the page for its nonce and posts the answer, as a customer's browser does. */
  async function answer(token: string, fields: Record<string, string>) {
    const page = await t.request(null, 'GET', `/s/${token}`);
    expect(page.status).toBe(200);
    return post(`/s/${token}`, { nonce: nonceOf(page.text), ...fields });
  }
  const invitations = async (customerId: string) =>
    (await t.request('agent', 'GET', `/api/v1/surveys/invitations?customerId=${customerId}`)).body.items;
  const answers = async (customerId: string) =>
    (await t.request('agent', 'GET', `/api/v1/surveys/answers?customerId=${customerId}`)).body.items;
  const tasks = async (customerId: string) =>
    (await t.request('agent', 'GET', `/api/v1/tasks?customerId=${customerId}`)).body.items;

  return {
    app: () => t,
    customer,
    request,
    mailsTo,
    mailTo,
    tokenOf,
    nonceOf,
    post,
    answer,
    invitations,
    answers,
    tasks,
  };
}
