// Starts the real app on a free port and Debian's Chromium for the browser tests and the web benchmark.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { PASSWORD, type TestApp } from '../../helpers/test-app.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const screenshotDir = path.join(repoRoot, 'docs/screenshots');

/** Builds web/dist with Vite unless a build is already there. */
export async function ensureWebBuild(): Promise<void> {
  const dist = path.join(repoRoot, 'web/dist');
  // A build from before the precompressed assets (no .br beside the scripts) is rebuilt.
  const precompressed =
    fs.existsSync(path.join(dist, 'assets')) &&
    fs.readdirSync(path.join(dist, 'assets')).some((f) => f.endsWith('.js.br'));
  if (fs.existsSync(path.join(dist, 'index.html')) && precompressed) return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(repoRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Starts the test app's server on a free loopback port; returns its base URL. */
export async function listenOnFreePort(t: TestApp): Promise<string> {
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  const address = t.server.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/**
 * A page in a new German-language browser context (added to `contexts` for closing), the browser's
 * clock fixed at `now` if given.
 */
export async function openPage(
  browser: Browser,
  contexts: BrowserContext[],
  options: { timeout: number; now?: string; viewport?: { width: number; height: number } },
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'de-DE',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  contexts.push(context);
  if (options.now) await context.clock.setFixedTime(new Date(options.now));
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeout);
  return page;
}

/** Signs in on the login screen at `base` and waits for the inbox. */
export async function loginAs(page: Page, base: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(base + '/');
  await page.getByLabel('E-Mail').fill(email);
  await page.getByRole('textbox', { name: 'Passwort' }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(`${base}/inbox`);
}
