// Money typed the way a German agent writes it: "1.234,56" on a case's goodwill form is 123456 cents
// in the API (it used to become 1,23 €, so the empowerment limit never triggered). Letters and two
// decimal commas are refused at the field, in German, and nothing is sent.
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  ensureWebBuild,
  hasChromium,
  launchChromium,
  listenOnFreePort,
  loginAs,
  openPage,
} from './helpers/browser.js';

describe.skipIf(!hasChromium)('money input in Chromium', () => {
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

  /** The accessible description of a control: the texts its aria-describedby points at. */
  const descriptionOf = (locator: Locator) =>
    locator.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );

  it('records goodwill typed as 1.234,56 by a German agent as 123456 cents and refuses letters and two commas at the field', async () => {
    const customer = await t.request('agent', 'POST', '/api/v1/customers', {
      name: 'Greta Geld',
      email: 'greta@example.test',
      locale: 'de',
    });
    const created = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: customer.body.id,
      subject: 'Rechnung doppelt belastet',
      points: [{ text: 'Die Inspektion wurde zweimal abgebucht.' }],
    });
    expect(created.status).toBe(201);
    const caseId = created.body.id as string;
    const goodwillOfCase = async () =>
      (await t.request('agent', 'GET', `/api/v1/cases/${caseId}`)).body.goodwill as Array<{
        amountMinor: number;
        currency: string;
      }>;

    const page = await openPage(browser, contexts, { timeout: 10_000 });
    await loginAs(page, base, 'agent@example.test');
    await page.goto(`${base}/cases/${caseId}`);
    const form = page.getByRole('form', { name: 'Kulanz gewähren' });
    const amount = form.getByRole('textbox', { name: 'Betrag (EUR)' });
    const submit = form.getByRole('button', { name: 'Kulanz gewähren' });
    await form.getByLabel('Beschreibung').fill('Erstattung der doppelten Abbuchung');

    // Letters: refused at the field, in German, with an example in the reader's notation; nothing sent.
    await amount.pressSequentially('12a');
    await submit.click();
    await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(amount)).toContain('Kein Betrag: bitte so schreiben wie 1.234,56.');
    // Two decimal commas: the same.
    await amount.fill('');
    await amount.pressSequentially('1,2,3');
    await submit.click();
    await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(amount)).toContain('Kein Betrag');
    expect(await goodwillOfCase()).toEqual([]);

    // The German way of writing 1234.56 €, typed key by key.
    await amount.fill('');
    await amount.pressSequentially('1.234,56');
    expect(await amount.getAttribute('aria-invalid')).not.toBe('true');
    await submit.click();
    await expect.poll(async () => (await goodwillOfCase()).length).toBe(1);
    expect((await goodwillOfCase())[0]).toMatchObject({ amountMinor: 123456, currency: 'EUR' });
    // Shown back in German notation, and the form is empty again.
    await page
      .locator('section[aria-labelledby="sec-goodwill"]')
      .getByText(/1\.234,56\s€/)
      .waitFor();
    expect(await amount.inputValue()).toBe('');
  }, 60_000);
});
