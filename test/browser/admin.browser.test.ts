// Settings and approvals in a real browser: an admin creates a user with a role, changes SLAs, the
// business hours, the holiday state and a goodwill limit in the case settings form (bad values refused
// at their fields), a letter template, adds a root-cause category, a tier threshold and a survey
// text, and each change is seen through the API; then an agent records goodwill above the new limit,
// a manager approves it on the approvals screen, and the case shows it granted; a decline there needs a reason.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  ensureWebBuild,
  hasChromium,
  launchChromium,
  listenOnFreePort,
  loginAs,
  openPage,
} from './helpers/browser.js';

describe.skipIf(!hasChromium)('settings and approvals in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuild();
    t = await startTestApp();
    base = await listenOnFreePort(t);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  async function login(email: string, password = PASSWORD): Promise<Page> {
    const page = await openPage(browser, contexts, { timeout: 10_000 });
    await loginAs(page, base, email, password);
    return page;
  }

  /** The accessible description of a control: the texts its aria-describedby points at. */
  const descriptionOf = (locator: ReturnType<Page['locator']>) =>
    locator.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );

  const api = async (path: string) => {
    const res = await t.request('admin', 'GET', `/api/v1${path}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('changes users, SLAs, business hours, goodwill limits, root causes, tiers and survey texts as admin', async () => {
    const page = await login('admin@example.test');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Einstellungen' })
      .click();

    // A new user with a role, who can then sign in.
    const newUser = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Neuer Benutzer' }) });
    await newUser.getByLabel('Name').fill('Tina Teamleitung');
    await newUser.getByLabel('E-Mail').fill('tina@example.test');
    await newUser.getByLabel('Passwort').fill('tina-password-123');
    await newUser.getByLabel('Rolle').selectOption('manager');
    await newUser.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.getByRole('cell', { name: 'tina@example.test' }).waitFor();
    const users = (await api('/users')).items as Array<{ email: string; role: string; active: boolean }>;
    expect(users.find((u) => u.email === 'tina@example.test')).toMatchObject({
      role: 'manager',
      active: true,
    });
    // ... and a role change in the table reaches the server.
    await page.getByRole('combobox', { name: 'Rolle von Tina Teamleitung' }).selectOption('admin');
    await expect
      .poll(
        async () => ((await api('/users')).items as any[]).find((u) => u.email === 'tina@example.test').role,
      )
      .toBe('admin');

    // The case settings form: a working range that ends before it starts is refused with the error
    // at the working hours, and nothing is stored.
    await page.getByRole('tab', { name: 'Beschwerden' }).click();
    const caseForm = page.getByRole('form', {
      name: 'Fristen, Geschäftszeiten, Eskalation, Kulanzgrenzen',
    });
    await caseForm.getByRole('textbox', { name: 'Ende Zeitraum 1' }).waitFor();
    const before = await api('/settings/cases');
    expect(before.calendar.workingHours).toEqual([{ start: '08:00', end: '17:00' }]);
    expect(before.calendar.holidayState).toBe('BY');
    await caseForm.getByRole('textbox', { name: 'Ende Zeitraum 1' }).fill('07:00');
    await caseForm.getByRole('button', { name: 'Speichern' }).click();
    await caseForm.getByText('Ein Zeitraum muss nach seinem Beginn enden.').waitFor();
    expect(await descriptionOf(caseForm.getByRole('textbox', { name: 'Ende Zeitraum 1' }))).toContain(
      'Ein Zeitraum muss nach seinem Beginn enden.',
    );
    expect(await api('/settings/cases')).toEqual(before);

    // An SLA of zero is refused with the error next to that SLA.
    await caseForm.getByRole('textbox', { name: 'Ende Zeitraum 1' }).fill('17:00');
    const urgentHours = caseForm.getByRole('textbox', { name: 'Dringend – Erste Antwort: Geschäftsstunden' });
    const urgentMinutes = caseForm.getByRole('textbox', { name: 'Dringend – Erste Antwort: Minuten' });
    await urgentHours.fill('0');
    await urgentMinutes.fill('0');
    await caseForm.getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => urgentHours.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(urgentHours)).toMatch(/0|greater|größer/i);
    expect(await api('/settings/cases')).toEqual(before);
    await urgentMinutes.fill('60');
    await urgentMinutes.blur();
    expect(await urgentHours.inputValue()).toBe('1 Std.');

    // The high-priority resolution SLA, two working ranges, another state for the public holidays
    // and the agent's goodwill limit per case; exactly those change.
    await caseForm.getByRole('textbox', { name: 'Hoch – Lösung: Geschäftsstunden' }).fill('20');
    await caseForm.getByRole('textbox', { name: 'Hoch – Lösung: Minuten' }).fill('30');
    await caseForm.getByRole('textbox', { name: 'Beginn Zeitraum 1' }).fill('07:30');
    await caseForm.getByRole('textbox', { name: 'Ende Zeitraum 1' }).fill('12:00');
    await caseForm.getByRole('button', { name: 'Zeitraum hinzufügen' }).click();
    await caseForm.getByRole('textbox', { name: 'Beginn Zeitraum 2' }).fill('13:00');
    await caseForm.getByRole('textbox', { name: 'Ende Zeitraum 2' }).fill('18:00');
    const state = caseForm.getByRole('combobox', { name: 'Bundesland (gesetzliche Feiertage)' });
    expect(await state.inputValue()).toBe('BY');
    await state.selectOption({ label: 'Nordrhein-Westfalen' });
    await caseForm.getByRole('textbox', { name: 'Innendienst – je Fall (EUR)' }).fill('50');
    await caseForm.getByRole('button', { name: 'Speichern' }).click();
    await caseForm.getByText('Gespeichert.').waitFor();
    const expected = structuredClone(before);
    expected.slaPolicies.high.resolutionMinutes = 20 * 60 + 30;
    expected.calendar.workingHours = [
      { start: '07:30', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ];
    expected.calendar.holidayState = 'NW';
    expected.goodwillLimits.agent.perCaseMinor = 5000;
    expect(await api('/settings/cases')).toEqual(expected);
    const budget = await t.request('agent', 'GET', '/api/v1/cases/goodwill-budget');
    expect(budget.body.perCaseMinor).toBe(5000);

    // A letter template: an empty subject is refused at the field; a new German subject is shown in
    // the preview (as text) and stored, the English one stays.
    const letters = page.getByRole('form', { name: 'Vorlagen des Antwortschreibens' });
    const subject = letters.getByRole('textbox', { name: 'Betreff (Deutsch)' });
    const templatesBefore = await api('/settings/case-letter-templates');
    await subject.fill('');
    await letters.getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => subject.getAttribute('aria-invalid')).toBe('true');
    expect(await api('/settings/case-letter-templates')).toEqual(templatesBefore);
    await subject.fill('Ihre Beschwerde {{reference}}: <b>unsere</b> Antwort');
    await expect
      .poll(() => letters.getByTestId('letter-preview-subject-de').textContent())
      .toBe('Ihre Beschwerde B-2026-0042: <b>unsere</b> Antwort');
    await letters.getByRole('button', { name: 'Speichern' }).click();
    await letters.getByText('Gespeichert.').waitFor();
    const templates = await api('/settings/case-letter-templates');
    expect(templates.de).toEqual({
      ...templatesBefore.de,
      subject: 'Ihre Beschwerde {{reference}}: <b>unsere</b> Antwort',
    });
    expect(templates.en).toEqual(templatesBefore.en);

    // A new root-cause category, then offered in the catalogue API.
    await page.getByRole('tab', { name: 'Kataloge' }).click();
    const rootCauses = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Ursachenkategorien' }) });
    await rootCauses.getByLabel('Code').fill('parts_shortage');
    await rootCauses.getByLabel('Name (Deutsch)').fill('Teilemangel');
    await rootCauses.getByLabel('Name (Englisch)').fill('Parts shortage');
    await rootCauses.getByRole('button', { name: 'Anlegen' }).click();
    await rootCauses.getByRole('cell', { name: 'Teilemangel' }).waitFor();
    const causes = (await api('/root-causes')).items as Array<{ code: string; name: { en: string } }>;
    expect(causes.find((c) => c.code === 'parts_shortage')?.name.en).toBe('Parts shortage');

    // A tier threshold.
    await page.getByRole('tab', { name: 'Kundenstufen' }).click();
    const tiers = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Kundenstufen' }) });
    await tiers.getByRole('spinbutton', { name: 'Mindestens Jahre Kunde' }).nth(1).fill('4');
    await tiers.getByRole('button', { name: 'Speichern' }).click();
    await tiers.getByText('Gespeichert.').waitFor();
    const rules = (await api('/settings/tiers')).rules as Array<{ tier: string; minTenureYears: number }>;
    expect(rules.find((r) => r.tier === 'gold')?.minTenureYears).toBe(4);

    // A survey definition: its German question changed and the survey switched off.
    await page.getByRole('tab', { name: 'Umfragen' }).click();
    await page.getByTestId('survey-definition').first().waitFor();
    await page.getByRole('button', { name: 'after_sales_csat bearbeiten' }).click();
    const form = page.getByRole('form', { name: 'Umfrage after_sales_csat bearbeiten' });
    await form.getByLabel('Frage (Deutsch)').fill('Wie zufrieden waren Sie mit unserer Werkstatt?');
    await form.getByLabel('Verzögerung (Tage)').fill('');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form
      .getByText(/delayDays/)
      .first()
      .waitFor();
    await form.getByLabel('Verzögerung (Tage)').fill('2');
    await form.getByLabel('Aktiv').uncheck();
    await form.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('form', { name: 'Neue Umfrage' }).waitFor();
    const defs = (await api('/surveys/definitions')).items as any[];
    expect(defs.find((d) => d.code === 'after_sales_csat')).toMatchObject({
      questionDe: 'Wie zufrieden waren Sie mit unserer Werkstatt?',
      questionEn: 'How satisfied are you with our service?',
      delayDays: 2,
      active: false,
    });
    await page
      .getByTestId('survey-definition')
      .filter({ hasText: 'after_sales_csat' })
      .getByText('deaktiviert')
      .waitFor();
  });

  it('lets a manager approve goodwill above the agent’s limit on the approvals screen', async () => {
    const settings = await api('/settings/cases');
    settings.goodwillLimits.agent.perCaseMinor = 5000;
    expect((await t.request('admin', 'PUT', '/api/v1/settings/cases', settings)).status).toBe(200);
    const customer = await t.request('agent', 'POST', '/api/v1/customers', {
      name: 'Karl Kulanz',
      email: 'karl@example.test',
      locale: 'de',
    });
    const created = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: customer.body.id,
      subject: 'Inspektion vergessen',
      points: [{ text: 'Bei der Inspektion wurde der Ölwechsel vergessen.' }],
    });
    expect(created.status).toBe(201);
    const caseId = created.body.id as string;

    // The agent records 80 € – above the 50 € per case – and it waits for approval.
    const agent = await login('agent@example.test');
    await agent.goto(`${base}/cases/${caseId}`);
    const goodwill = agent.getByRole('form', { name: 'Kulanz gewähren' });
    await goodwill.getByLabel('Betrag (EUR)').fill('80');
    await goodwill.getByLabel('Beschreibung').fill('Gutschein für die nächste Inspektion');
    await goodwill.getByRole('button', { name: 'Kulanz gewähren' }).click();
    await agent.getByText('wartet auf Freigabe').waitFor();

    // The manager approves it on the approvals screen.
    const manager = await login('manager@example.test');
    await manager
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Freigaben' })
      .click();
    const approvals = manager
      .locator('section')
      .filter({ has: manager.getByRole('heading', { name: 'Kulanz zur Freigabe' }) });
    const task = approvals.getByTestId('task').filter({ hasText: '80,00' });
    await task.waitFor();
    await task.getByRole('button', { name: /^Freigeben/ }).click();
    await task.waitFor({ state: 'detached' });
    await approvals.getByText('Keine Aufgaben.').waitFor();

    const after = await t.request('agent', 'GET', `/api/v1/cases/${caseId}`);
    expect(after.body.goodwill[0]).toMatchObject({ amountMinor: 8000, status: 'granted' });
    // The case shows it granted, to the manager and after a reload to the agent.
    await manager.goto(`${base}/cases/${caseId}`);
    await manager.locator('section[aria-labelledby="sec-goodwill"]').getByText('gewährt').waitFor();
    await agent.reload();
    await agent.locator('section[aria-labelledby="sec-goodwill"]').getByText('gewährt').waitFor();
    expect(await agent.getByText('wartet auf Freigabe').count()).toBe(0);
  });

  it('declines goodwill on the approvals screen only with a reason', async () => {
    const customer = await t.request('agent', 'POST', '/api/v1/customers', {
      name: 'Dana Decline',
      email: 'dana@example.test',
      locale: 'de',
    });
    const created = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: customer.body.id,
      points: [{ text: 'Der Lack hat Kratzer.' }],
    });
    const gw = await t.request('agent', 'POST', `/api/v1/cases/${created.body.id}/goodwill`, {
      kind: 'voucher',
      amountMinor: 9100,
      currency: 'EUR',
      description: 'Gutschein Aufbereitung',
    });
    expect(gw.body.status).toBe('pending_approval');
    const manager = await login('manager@example.test');
    await manager
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Freigaben' })
      .click();
    const task = manager.getByTestId('task').filter({ hasText: '91,00' });
    await task.getByRole('button', { name: /^Ablehnen/ }).click();
    const dialog = manager.getByRole('dialog', { name: 'Kulanz ablehnen' });
    const submit = dialog.getByRole('button', { name: 'Ablehnen' });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByLabel('Grund der Ablehnung').fill('Kratzer war bei Übergabe dokumentiert.');
    await submit.click();
    await task.waitFor({ state: 'detached' });
    const after = await t.request('agent', 'GET', `/api/v1/cases/${created.body.id}`);
    expect(after.body.goodwill[0]).toMatchObject({
      status: 'declined',
      decisionNote: 'Kratzer war bei Übergabe dokumentiert.',
    });
  });
});
