// Settings → Webhooks in a real browser against the real server and a real receiver on 127.0.0.1:
// the admin registers an endpoint (a bad URL is refused at the field), copies the secret shown once,
// a case opened through the API is delivered and verifies with that secret (Standard Webhooks
// reference verifier), the delivery log shows the attempt, and disabling and rotating work.
// Saves a screenshot for docs/webhooks.md.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import {
  ensureWebBuild,
  hasChromium,
  launchChromium,
  listenOnFreePort,
  loginAs,
  openPage,
  screenshotDir,
} from './helpers/browser.js';

describe.skipIf(!hasChromium)('webhook settings in Chromium', { timeout: 90_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let receiver: WebhookReceiver;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuild();
    receiver = await startWebhookReceiver();
    t = await startTestApp({ config: { webhooksAllowPrivate: true, webhooksAllowHttp: true } });
    base = await listenOnFreePort(t);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
    await receiver?.close();
  });

  // Tall enough for the whole tab, so the screenshot needs no scrolling (the header stays at the top).
  const webhooksTab = async (): Promise<Page> => {
    const page = await openPage(browser, contexts, {
      timeout: 10_000,
      viewport: { width: 1280, height: 1800 },
    });
    await loginAs(page, base, 'admin@example.test');
    await page.goto(`${base}/settings`);
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    return page;
  };

  it('registers an endpoint, shows its secret once, and logs the signed delivery of a new case', async () => {
    const page = await webhooksTab();
    await expect.poll(() => page.getByText('Noch kein Empfänger eingerichtet.').isVisible()).toBe(true);
    const form = page.getByRole('form', { name: 'Empfänger einrichten' });
    await form.getByLabel('URL').fill('ftp://files.example.com/in');
    await form.getByLabel('Beschreibung').fill('CRM');
    await form.getByRole('checkbox', { name: 'case.created' }).check();
    await form.getByRole('button', { name: 'Einrichten' }).click();
    await expect
      .poll(() => form.getByText('muss eine http- oder https-URL sein').first().isVisible())
      .toBe(true);

    await form.getByLabel('URL').fill(receiver.url);
    await form.getByRole('button', { name: 'Einrichten' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const [endpoint] = (await t.request('admin', 'GET', '/api/v1/webhooks/endpoints')).body.items;
    expect(endpoint).toMatchObject({ url: receiver.url, description: 'CRM', events: ['case.created'] });

    const customer = (await t.request('agent', 'POST', '/api/v1/customers', { name: 'Hook Kundin' })).body;
    const opened = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: customer.id,
      channel: 'phone',
      points: [{ text: 'Rückruf fehlt.' }],
    });
    expect(opened.status).toBe(201);
    await t.drainJobs();
    const [got] = receiver.received;
    vi.useFakeTimers({ toFake: ['Date'], now: t.clock.now() });
    let verified: { type: string; data: { caseId: string } };
    try {
      verified = new Webhook(secret).verify(got.body, got.headers) as typeof verified;
    } finally {
      vi.useRealTimers();
    }
    expect(verified).toMatchObject({ type: 'case.created', data: { caseId: opened.body.id } });

    await page.getByRole('button', { name: `Zustellprotokoll: ${receiver.url}` }).click();
    const log = page.getByTestId('webhook-log');
    await expect.poll(() => log.getByText('case.created').isVisible()).toBe(true);
    await expect.poll(async () => (await log.textContent()) ?? '').toContain('200');
    await page.screenshot({ path: path.join(screenshotDir, 'webhooks-settings.png') });
  });

  it('disables the endpoint and rotates its secret from the list', async () => {
    const page = await webhooksTab();
    const [before] = (await t.request('admin', 'GET', '/api/v1/webhooks/endpoints')).body.items;
    await page.getByRole('button', { name: `Abschalten: ${receiver.url}` }).click();
    await expect
      .poll(() => page.getByTestId('webhook-endpoint').getByText('abgeschaltet').isVisible())
      .toBe(true);
    expect((await t.request('admin', 'GET', `/api/v1/webhooks/endpoints/${before.id}`)).body.enabled).toBe(
      false,
    );

    await page.getByRole('button', { name: `Geheimnis erneuern: ${receiver.url}` }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expect
      .poll(() => page.getByText(/Das bisherige Geheimnis signiert noch bis/).isVisible())
      .toBe(true);
    const after = (await t.request('admin', 'GET', `/api/v1/webhooks/endpoints/${before.id}`)).body;
    expect(after.previousSecretExpiresAt).not.toBeNull();
  });
});
