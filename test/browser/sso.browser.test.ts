// Single sign-on in a real browser against a real OpenID provider (oidc-provider on loopback): an
// admin sets it up in the settings form (missing fields named at the fields, in German), then a
// member of a mapped group signs in with "Mit … anmelden" through the provider's own login and
// consent pages and lands in the inbox; someone whose groups map to no role is sent back to the
// login page with the reason in German.
import net from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ensureWebBuild, hasChromium, launchChromium, loginAs, openPage } from './helpers/browser.js';

/** A free loopback port (the app's public URL must be known before the provider registers it). */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe.skipIf(!hasChromium)('single sign-on in Chromium', () => {
  let t: TestApp;
  let idp: TestIdp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuild();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ config: { publicUrl: base } });
    await t.server.listen({ port, host: '127.0.0.1' });
    idp = await startTestIdp(`${base}/api/v1/auth/sso/callback`);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  const section = (page: Page) =>
    page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Single Sign-on (OpenID Connect)' }) });

  it('is set up by an admin in the settings form, with missing fields named at the fields', async () => {
    const page = await openPage(browser, contexts, { timeout: 15_000 });
    await loginAs(page, base, 'admin@example.test');
    await page.goto(`${base}/settings`);
    await page.getByRole('tab', { name: 'Single Sign-on' }).click();
    const form = section(page);
    await form.getByLabel('Single Sign-on auf der Anmeldeseite anbieten').check();
    await form.getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => form.getByLabel('Issuer-URL').getAttribute('aria-invalid')).toBe('true');
    await form.getByText('mindestens einen Wert einer Rolle zuordnen').waitFor();

    await form.getByLabel('Name auf dem Anmeldeknopf').fill('Test-IdP');
    await form.getByLabel('Issuer-URL').fill(idp.issuer);
    await form.getByLabel('Client-ID').fill(idp.clientId);
    await form.getByLabel('Client-Secret').fill(idp.clientSecret);
    await form.getByLabel('Scopes').fill('openid email profile groups');
    await form.getByLabel('Rollen-Claim').fill('groups');
    await form.getByRole('button', { name: 'Zuordnung hinzufügen' }).click();
    await form.getByLabel('Claim-Wert').fill('service');
    await form.getByLabel('Bei der ersten Anmeldung ohne Konto').selectOption('create');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor();
    const saved = await t.request('admin', 'GET', '/api/v1/settings/sso');
    expect(saved.body).toMatchObject({
      enabled: true,
      issuer: idp.issuer,
      clientSecretSet: true,
      roleMapping: [{ value: 'service', role: 'agent' }],
      justInTime: 'create',
    });
    await expect.poll(() => form.getByLabel('Client-Secret').inputValue()).toBe('');
  });

  /** Clicks "Mit Test-IdP anmelden" and walks the provider's login and consent pages as `account`. */
  async function signInWithProvider(account: string): Promise<Page> {
    const page = await openPage(browser, contexts, { timeout: 15_000 });
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Mit Test-IdP anmelden' }).click();
    await page.waitForURL(`${idp.issuer}/**`);
    await page.locator('input[name="login"]').fill(account);
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    return page;
  }

  it('signs a member of a mapped group in through the provider, straight into the inbox', async () => {
    idp.accounts.set('sub-browser', {
      email: 'bea.browser@example.test',
      email_verified: true,
      name: 'Bea Browser',
      groups: ['service'],
    });
    const page = await signInWithProvider('sub-browser');
    await page.waitForURL(`${base}/inbox`);
    await page.getByText('Bea Browser · Innendienst').waitFor();
  });

  it('sends someone without a mapped role back to the login page with the reason in German', async () => {
    idp.accounts.set('sub-guest', { email: 'gast@example.test', email_verified: true, groups: ['guests'] });
    const page = await signInWithProvider('sub-guest');
    await page.waitForURL(`${base}/login?ssoError=SSO_NO_ROLE`);
    await page
      .getByRole('alert')
      .filter({ hasText: 'Ihr Identitätsanbieter gibt Ihnen keine Rolle in Stammkunde' })
      .waitFor();
    expect(page.url()).toContain('ssoError=SSO_NO_ROLE');
  });
});
