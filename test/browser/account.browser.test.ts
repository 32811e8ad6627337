// "Mein Konto" in Chromium: an agent creates a personal API token, sees its secret once, an
// integration uses it (the list then shows when), and revoking it in the app stops it at once.
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

describe.skipIf(!hasChromium)('personal API tokens in Chromium', () => {
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

  it('creates a token whose secret is shown once, lists when it was used, and revokes it so it stops working', async () => {
    // The browser's clock is the server's (a token's expiry is judged against it).
    const page = await openPage(browser, contexts, { timeout: 10_000, now: t.clock.now().toISOString() });
    await loginAs(page, base, 'agent@example.test');
    await page.getByTestId('current-user').click();
    await page.getByRole('heading', { name: 'Mein Konto' }).waitFor();
    const form = page.getByRole('form', { name: 'Schlüssel anlegen' });
    await form.getByLabel('Name').fill('ERP-Anbindung');
    await form.getByLabel('Gültig (Tage)').fill('30');
    await form.getByRole('button', { name: 'Schlüssel anlegen' }).click();
    const secret = (await page.getByTestId('new-token-secret').textContent()) ?? '';
    expect(secret).toMatch(/^sk_/);

    const use = () =>
      t.server.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${secret}` },
      });
    expect((await use()).statusCode).toBe(200);
    // The list shows the token as valid, with its expiry 30 days out and a last use.
    await page.reload();
    const row = page.getByTestId('token-row').filter({ hasText: 'ERP-Anbindung' });
    await row.waitFor();
    expect(await row.textContent()).toContain('gültig');
    expect(await row.textContent()).not.toContain('nie');
    // The secret is not shown again.
    expect(await page.getByTestId('new-token-secret').count()).toBe(0);

    await row.getByRole('button', { name: 'Schlüssel „ERP-Anbindung“ widerrufen' }).click();
    await expect.poll(async () => row.textContent()).toContain('widerrufen');
    expect((await use()).statusCode).toBe(401);
  });
});
