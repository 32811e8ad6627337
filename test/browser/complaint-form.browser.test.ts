// The public complaint form in a real browser: an English browser gets the English form, a photo is
// attached through the file input, and the agent sees the complaint as "unverified" on the case page.
import type { Browser, BrowserContext } from 'playwright-core';
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

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe.skipIf(!hasChromium)('public complaint form in Chromium', () => {
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

  it('files an English complaint with a photo, shown to the agent as unverified', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    contexts.push(context);
    const form = await context.newPage();
    await form.goto(`${base}/complaint`);
    await form.getByRole('heading', { name: 'Make a complaint' }).waitFor();
    await form.getByLabel('Your name').fill('Robin <b>Roe</b>');
    await form.getByLabel('Your e-mail address').fill('robin@example.org');
    await form.getByLabel('Your concern').fill('The hire car had a scratch on the door.');
    await form.getByLabel(/Photos or PDF documents/).setInputFiles({
      name: 'scratch.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    t.clock.advance(20_000);
    await form.getByRole('button', { name: 'Send complaint' }).click();
    await form.getByRole('heading', { name: 'Thank you' }).waitFor();
    const reference = /R-\d{4}-\d{6}/.exec(await form.content())?.[0];
    expect(reference).toBeDefined();

    const [customer] = (await t.request('agent', 'GET', '/api/v1/customers?q=robin%40example.org')).body
      .items;
    const [item] = (await t.request('agent', 'GET', `/api/v1/cases/inbox?customerId=${customer.id}`)).body
      .items;
    const messages = (await t.request('agent', 'GET', `/api/v1/cases/${item.id}/messages`)).body.items;
    expect(messages[0].attachments.map((a: { filename: string }) => a.filename)).toEqual(['scratch.png']);

    const page = await openPage(browser, contexts, { timeout: 10_000 });
    await loginAs(page, base, 'agent@example.test');
    await page.goto(`${base}/cases/${item.id}`);
    await page.getByRole('heading', { name: new RegExp(reference!) }).waitFor();
    await expect.poll(() => page.getByTestId('case-unverified').textContent()).toBe('unbestätigt');
  });
});
