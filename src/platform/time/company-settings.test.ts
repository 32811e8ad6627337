// GET/PUT /api/v1/settings/company: the company's time zone, admins only, validated, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { getCompanyTimeZone } from './company-time-zone.js';

describe('company time zone setting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  it('is Europe/Berlin until an admin sets one', async () => {
    const res = await t.request('admin', 'GET', '/api/v1/settings/company');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ timeZone: 'Europe/Berlin' });
  });

  it('is read by all staff and changed by admins only', async () => {
    for (const role of ['agent', 'manager'] as const) {
      expect((await t.request(role, 'GET', '/api/v1/settings/company')).status).toBe(200);
      expect(
        (await t.request(role, 'PUT', '/api/v1/settings/company', { timeZone: 'Europe/Vienna' })).status,
      ).toBe(403);
    }
  });

  it('refuses a name that is not an IANA zone with a field error on timeZone', async () => {
    for (const timeZone of ['Mars/Olympus', '+02:00', 'CEST-ish']) {
      const res = await t.request('admin', 'PUT', '/api/v1/settings/company', { timeZone });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'timeZone' })]);
    }
    expect(await getCompanyTimeZone(t.ctx)).toBe('Europe/Berlin');
  });

  it('stores a new zone in its canonical spelling, uses it at once and audits the change', async () => {
    const res = await t.request('admin', 'PUT', '/api/v1/settings/company', { timeZone: 'america/new_york' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ timeZone: 'America/New_York' });
    expect(await getCompanyTimeZone(t.ctx)).toBe('America/New_York');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'setting')
      .where('entity_id', '=', 'company')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].changes)).toEqual({
      value: { before: null, after: { timeZone: 'America/New_York' } },
    });
    await t.request('admin', 'PUT', '/api/v1/settings/company', { timeZone: 'Europe/Berlin' });
  });

  it('is the zone of the case calendar, which refuses a zone of its own', async () => {
    await t.request('admin', 'PUT', '/api/v1/settings/company', { timeZone: 'Europe/Lisbon' });
    const cases = await t.request('admin', 'GET', '/api/v1/settings/cases');
    expect(cases.body.calendar.timeZone).toBe('Europe/Lisbon');
    const own = await t.request('admin', 'PUT', '/api/v1/settings/cases', {
      calendar: { ...cases.body.calendar, timeZone: 'Asia/Tokyo' },
    });
    expect(own.status).toBe(400);
    expect(own.body.errors).toEqual([expect.objectContaining({ path: 'calendar.timeZone' })]);
    await t.request('admin', 'PUT', '/api/v1/settings/company', { timeZone: 'Europe/Berlin' });
  });
});
