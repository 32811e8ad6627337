// The case settings through the API: only admins change the letter templates and the case
// settings, and bad values are refused naming the field.
import { beforeAll, describe, expect, it } from 'vitest';
import { useCaseApp } from '../../test/helpers/case-kit.js';
import type { TestApp } from '../../test/helpers/test-app.js';

describe('complaint cases: settings', () => {
  const kit = useCaseApp();
  const { customer, openCase } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  it('lets only admins edit the letter templates, and the preview follows them', async () => {
    const current = await t.request('agent', 'GET', '/api/v1/settings/case-letter-templates');
    const changed = {
      ...current.body,
      de: { ...current.body.de, body: 'Hallo {{customerName}}!\n{{points}}\nIhr {{ownerName}}' },
    };
    expect((await t.request('agent', 'PUT', '/api/v1/settings/case-letter-templates', changed)).status).toBe(
      403,
    );
    expect(
      (await t.request('manager', 'PUT', '/api/v1/settings/case-letter-templates', changed)).status,
    ).toBe(403);
    expect((await t.request('admin', 'PUT', '/api/v1/settings/case-letter-templates', changed)).status).toBe(
      200,
    );
    const c = await customer({ name: 'Template Test', ownerId: t.staff.agent.id });
    const k = await openCase({ customerId: c.id, points: [{ text: 'Punkt A' }] });
    const letter = await t.request('agent', 'GET', `/api/v1/cases/${k.id}/letter`);
    expect(letter.body.text.startsWith('Hallo Template Test!\n1. Punkt A')).toBe(true);
    expect(letter.body.text).toContain('Ihr Anna Agent');
    await t.request('admin', 'PUT', '/api/v1/settings/case-letter-templates', current.body);
  });

  it('lets only admins change the case settings and rejects an unknown holiday state', async () => {
    const current = await t.request('agent', 'GET', '/api/v1/settings/cases');
    expect(current.body.calendar).toMatchObject({ timeZone: 'Europe/Berlin', holidayState: 'BY' });
    expect((await t.request('agent', 'PUT', '/api/v1/settings/cases', { escalationShare: 0.5 })).status).toBe(
      403,
    );
    const bad = await t.request('admin', 'PUT', '/api/v1/settings/cases', {
      calendar: { ...current.body.calendar, holidayState: 'XX' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('calendar');
    const ok = await t.request('admin', 'PUT', '/api/v1/settings/cases', {
      calendar: { ...current.body.calendar, holidayState: 'NW' },
    });
    expect(ok.body.calendar.holidayState).toBe('NW');
    await t.request('admin', 'PUT', '/api/v1/settings/cases', { calendar: current.body.calendar });
  });
});
