// The complaint-case tests' shared set-up: one app (clock at Monday 2 March 2026, 10:00 Berlin) and
// one real SMTP server per describe block, customers, a gold customer, opening a case, mails sent.
import { afterAll, beforeAll, expect } from 'vitest';
import { startSmtp, type TestSmtp } from './smtp.js';
import { startTestApp, type TestApp } from './test-app.js';

/** Monday 2 March 2026, 10:00 in Berlin. */
export const MONDAY = '2026-03-02T09:00:00.000Z';

/**
 * Registers beforeAll/afterAll that start the app with an SMTP server and returns the helpers;
 * `app()` is the running app once beforeAll has run.
 */
export function useCaseApp() {
  let t: TestApp;
  let smtp: TestSmtp;
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: MONDAY, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** A new customer (Kunde n, kunden@example.de) created by an agent, with the given fields. */
  const customer = async (body: Record<string, unknown> = {}) => {
    n++;
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kunde ${n}`,
      email: `kunde${n}@example.de`,
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** A customer since 2014 whose tier a manager pinned to gold. */
  const goldCustomer = async (body: Record<string, unknown> = {}) => {
    const c = await customer({ customerSince: '2014-04-01T00:00:00Z', ...body });
    const pinned = await t.request('manager', 'PUT', `/api/v1/customers/${c.id}/tier`, {
      tier: 'gold',
      reason: 'Rahmenvertrag',
    });
    expect(pinned.body.tier).toBe('gold');
    return pinned.body;
  };
  /** Opens a case as an agent through the API; expects 201. */
  const openCase = async (body: Record<string, unknown>) => {
    const res = await t.request('agent', 'POST', '/api/v1/cases', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  /** The mails that reached SMTP for this address. */
  const mailsTo = (address: string) => smtp.messages.filter((m) => (m.to as any)?.text?.includes(address));

  return { app: () => t, customer, goldCustomer, openCase, mailsTo };
}
