// The survey answer page in a real browser: the link from the received e-mail, a score, the
// thank-you page, and the answer and follow-up task through the API. Saves a phone screenshot.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { hasChromium, launchChromium, listenOnFreePort, screenshotDir } from './helpers/browser.js';

describe('survey answer page in Chromium', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (!hasChromium) return;
    smtp = await startSmtp();
    t = await startTestApp({ smtpUrl: smtp.url });
    base = await listenOnFreePort(t);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  });

  it.skipIf(!hasChromium)(
    'answers a survey from the e-mail link on a phone and closes the loop',
    async () => {
      const c = await t.request('agent', 'POST', '/api/v1/customers', {
        name: 'Handy Kundin',
        email: 'handy@example.de',
        locale: 'de',
        ownerId: t.staff.manager.id,
      });
      await t.request('agent', 'POST', `/api/v1/customers/${c.body.id}/consents`, {
        channel: 'email',
        purpose: 'surveys',
        basis: 'opt_in',
        status: 'given',
        source: 'shop',
      });
      await t.request('manager', 'POST', '/api/v1/surveys/requests', {
        customerId: c.body.id,
        definitionCode: 'relationship_nps',
      });
      await t.drainJobs();
      const [mail] = await smtp.waitFor(1);
      // The e-mail's link, pointed at this test server (PUBLIC_URL is not known before listen).
      const link = new URL(/https?:\/\/\S+\/s\/[A-Za-z0-9_-]{43}(?=\s)/.exec(mail.text ?? '')![0]);
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'de-DE',
        javaScriptEnabled: false,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(base + link.pathname);
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      const scale = page.getByRole('group', { name: /Wie wahrscheinlich ist es/ });
      await scale.waitFor();
      const box = await page.locator('.scale label').first().boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await page.screenshot({ path: path.join(screenshotDir, 'survey-phone.png'), fullPage: true });
      await scale.getByRole('radio', { name: '3', exact: true }).check();
      await page.getByLabel(/wichtigste Grund/).fill('Zu lange gewartet');
      await page.getByRole('button', { name: 'Antwort senden' }).click();
      await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor();
      await context.close();
      await t.drainJobs();
      const answers = await t.request('agent', 'GET', `/api/v1/surveys/answers?customerId=${c.body.id}`);
      expect(answers.body.items).toEqual([
        expect.objectContaining({ score: 3, comment: 'Zu lange gewartet' }),
      ]);
      const tasks = await t.request('agent', 'GET', `/api/v1/tasks?customerId=${c.body.id}`);
      expect(tasks.body.items).toEqual([
        expect.objectContaining({ source: 'survey_followup', assigneeId: t.staff.manager.id }),
      ]);
    },
  );
});
