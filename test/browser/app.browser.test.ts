// The web app in a real browser against the real server: login, language, customers, XSS safety,
// and the rental-car complaint from intake to the closed letter. Saves the login screenshot; the
// populated screens are photographed by screens.browser.test.ts.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  ensureWebBuild,
  hasChromium,
  launchChromium,
  listenOnFreePort,
  screenshotDir,
} from './helpers/browser.js';

const XSS_NAME = '<img src=x onerror=alert(1)><script>alert(1)</script>';

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    await ensureWebBuild();
    t = await startTestApp();
    base = await listenOnFreePort(t);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Clicks the visible label of the DE/EN segmented control (its radio input is visually hidden). */
  const switchLanguage = (lang: 'de' | 'en') => page.locator(`label[for$="-${lang}"]`).first().click();

  const shot = (name: string) =>
    page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });

  it('logs in through the form and switches between German and English', async () => {
    await page.goto(base + '/');
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await switchLanguage('en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await switchLanguage('de');
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await shot('login');
    // Secondary ("dimmed") text is dark enough for 4.5:1 on white: Mantine's own grey (3.3:1) loses.
    const dimmed = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--mantine-color-dimmed)';
      document.body.appendChild(probe);
      const color = getComputedStyle(probe).color;
      probe.remove();
      return color;
    });
    expect(dimmed).toBe('rgb(73, 80, 87)');

    await page.getByLabel('E-Mail').fill('admin@example.test');
    await page.getByRole('textbox', { name: 'Passwort' }).fill('wrong password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('E-Mail oder Passwort ist falsch.').waitFor();

    await page.getByRole('textbox', { name: 'Passwort' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await nav.getByRole('link', { name: 'Eingang' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Einstellungen' }).isVisible()).toBe(true);
    expect(page.url()).toBe(base + '/inbox');

    await switchLanguage('en');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Inbox' })
      .waitFor();
    // The language is remembered across page loads. (Loads `/`, which then redirects to the inbox:
    // reloading a deep link needs the server's SPA fallback to work.)
    await page.goto(base + '/');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Customers' })
      .waitFor();
    await switchLanguage('de');
    await nav.getByRole('link', { name: 'Kunden' }).waitFor();
  });

  async function createCustomer(name: string, email: string): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Kunden' })
      .click();
    await page.getByRole('button', { name: 'Neuer Kunde' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('E-Mail').fill(email);
    await dialog.getByLabel('Kunde seit').fill('2015-04-01');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByTestId('customer-name').waitFor();
  }

  it('creates a customer, shows field errors, and finds it by search', async () => {
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Kunden' })
      .click();
    await page.getByRole('button', { name: 'Neuer Kunde' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Falsche Adresse');
    // a value the browser accepts as e-mail but the server rejects
    await dialog.getByLabel('E-Mail').fill('a@b');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await dialog.locator('.mantine-InputWrapper-error').first().waitFor();
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();

    await createCustomer('Erika Mustermann', 'erika@example.test');
    expect(await page.getByTestId('customer-name').textContent()).toBe('Erika Mustermann');
    await page.getByRole('link', { name: 'Alle Kunden' }).click();
    await page.getByRole('searchbox', { name: 'Suche' }).fill('Mustermann');
    await page.getByRole('link', { name: 'Erika Mustermann' }).waitFor();
  });

  it('shows a customer name with markup as literal text and runs no script', async () => {
    await createCustomer(XSS_NAME, 'xss@example.test');
    expect(await page.getByTestId('customer-name').textContent()).toBe(XSS_NAME);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.getByRole('link', { name: 'Alle Kunden' }).click();
    await page.getByRole('link', { name: XSS_NAME }).waitFor();
    expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('works the rental-car complaint from intake to the closed letter', async () => {
    await createCustomer('Jana Schmidt', 'jana.schmidt@example.test');
    await page.getByRole('link', { name: 'Neue Beschwerde' }).click();
    await page.getByTestId('case-customer').waitFor();
    await page.getByLabel('Betreff').fill('Mietwagen Flughafen München');
    await page
      .getByRole('textbox', { name: 'Punkt 1', exact: true })
      .fill('Der Mietwagen war bei der Abholung schmutzig und der Tank nur halb voll.');
    await page.getByRole('button', { name: 'Weiteren Punkt hinzufügen' }).click();
    await page
      .getByRole('textbox', { name: 'Punkt 2', exact: true })
      .fill('Die Kaution von 300 € wurde zweimal von meiner Kreditkarte abgebucht.');
    await page.getByRole('button', { name: 'Beschwerde anlegen' }).click();
    await page.getByRole('heading', { name: /Mietwagen Flughafen München/ }).waitFor();
    expect(await page.getByTestId('case-point').count()).toBe(2);

    // Resolving with unanswered points and no apology, cause or prevention is refused, naming each.
    await page.getByRole('button', { name: 'Als gelöst markieren' }).click();
    const refusal = page.locator('[data-error-code="CASE_INCOMPLETE"]');
    await refusal.waitFor();
    for (const part of ['Punkt 1 hat noch keine Antwort', 'die Entschuldigung', 'die Kategorie der Ursache'])
      await refusal.getByText(part).first().waitFor();

    const answer = async (n: number, text: string) => {
      const form = page.getByRole('form', { name: `Antwort auf Punkt ${n}` });
      await form.getByLabel(`Antwort auf Punkt ${n}`).fill(text);
      await form.getByRole('button', { name: 'Antwort speichern' }).click();
      await form.waitFor({ state: 'detached' });
    };
    await answer(1, 'Das Fahrzeug hätte so nicht übergeben werden dürfen. Wir erstatten die Tankfüllung.');
    await answer(
      2,
      'Die doppelte Abbuchung war ein Fehler unseres Kassensystems; der zweite Betrag wird erstattet.',
    );
    expect(await page.getByTestId('point-answer').count()).toBe(2);

    const commitment = page.getByRole('form', { name: 'Zusage hinzufügen' });
    await commitment.getByLabel('Fällig').fill('2026-03-06T12:00');
    await commitment.getByLabel('Betrag (EUR)').fill('300');
    await commitment.getByLabel('Beschreibung').fill('Doppelt abgebuchte Kaution erstatten');
    await commitment.getByRole('button', { name: 'Zusage hinzufügen' }).click();
    await page.getByTestId('commitment').waitFor();

    const resolution = page.locator('section[aria-labelledby="sec-resolution"]');
    await resolution.getByLabel('Entschuldigung').fill('Es tut uns leid, dass Ihre Anmietung so begann.');
    await resolution.getByLabel('Ursache', { exact: true }).selectOption('cleanliness');
    await resolution.getByLabel('Ursachenanalyse').fill('Die Rückgabekontrolle wurde ausgelassen.');
    await resolution.getByLabel('Vorbeugende Maßnahme').fill('Checkliste bei jeder Übergabe.');
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && /\/api\/v1\/cases\/[^/]+$/.test(r.url()),
    );
    await resolution.getByRole('button', { name: 'Lösung speichern' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByRole('button', { name: 'Als gelöst markieren' }).click();
    await page.getByTestId('case-status').filter({ hasText: 'gelöst' }).first().waitFor();
    // Closing with an open commitment is refused, and the refusal says why.
    await page.getByRole('button', { name: 'Abschließen' }).click();
    await page
      .locator('[data-error-code="CASE_INCOMPLETE"]')
      .getByText(/Zusage/)
      .waitFor();
    await page.getByRole('button', { name: /Zusage erfüllt/ }).click();
    await page.getByTestId('commitment').getByText('erfüllt').waitFor();

    await page.getByRole('button', { name: 'Vorschau' }).click();
    const preview = page.getByTestId('letter-preview');
    await preview.waitFor();
    const letter = (await preview.textContent()) ?? '';
    expect(letter).toContain('jana.schmidt@example.test');
    expect(letter).toContain('zweimal von meiner Kreditkarte');
    expect(letter).toContain('Fehler unseres Kassensystems');
    expect(letter).toContain('Ursache: Die Rückgabekontrolle wurde ausgelassen.');
    expect(letter).not.toContain('–');
    await page.getByRole('button', { name: 'Schreiben senden' }).click();
    await page.getByTestId('letter-sent').waitFor();

    await page.getByRole('button', { name: 'Abschließen' }).click();
    await page.getByTestId('case-status').filter({ hasText: 'abgeschlossen' }).first().waitFor();
  });

  it('moves through the inbox with the keyboard and shows the other main screens', async () => {
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    for (const subject of ['Rechnung doppelt', 'Lieferung zu spät']) {
      await nav.getByRole('link', { name: 'Eingang' }).click();
      await page.getByRole('link', { name: 'Neue Beschwerde' }).click();
      await page.getByRole('searchbox', { name: 'Kunde suchen' }).fill('Erika');
      await page.getByRole('button', { name: /Erika Mustermann/ }).click();
      await page.getByLabel('Betreff').fill(subject);
      await page.getByRole('textbox', { name: 'Punkt 1', exact: true }).fill(`${subject}: bitte klären.`);
      await page.getByRole('button', { name: 'Beschwerde anlegen' }).click();
      await page.getByRole('heading', { name: new RegExp(subject) }).waitFor();
    }
    await nav.getByRole('link', { name: 'Eingang' }).click();
    const rows = page.getByTestId('inbox-table').locator('tbody tr');
    await rows.nth(1).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('j');
    expect(await rows.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('k');
    expect(await rows.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\/case_/);

    await nav.getByRole('link', { name: 'Kennzahlen' }).click();
    await page.getByTestId('chart-complaints-by-month').waitFor();
    await nav.getByRole('link', { name: 'Springen ab' }).click();
    await page.getByRole('heading', { name: 'Kunden, die abspringen' }).waitFor();
  });
});
