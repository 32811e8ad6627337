// The main screens populated with the demo company (a car dealership, 60 customers, four years of
// history), in a browser whose clock stands at the server's "now": a populated Customer 360 after two
// churn runs, the GDPR export, a manager on a 375-px phone, accessibility basics on every main screen,
// and the screenshots in docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCompany } from '../../src/demo/demo.generate.js';
import { at } from '../../src/demo/demo.history.js';
import { loadDemoCompany } from '../../src/demo/demo.load.js';
import { listMailsForCustomer } from '../../src/platform/mail/mail.service.js';
import { answerSurvey } from '../../src/surveys/survey-answers.service.js';
import { sendSurvey } from '../../src/surveys/survey-sending.service.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  ensureWebBuild,
  hasChromium,
  launchChromium,
  listenOnFreePort,
  loginAs,
  screenshotDir,
} from './helpers/browser.js';

/** The server's and the browser's "now": the demo history ends here, the dashboard period too. */
const NOW = '2026-11-02T09:00:00.000Z';
/** The demo company is loaded four weeks earlier, and scored again at NOW: a P(alive) history. */
const DEMO_AT = '2026-10-05T09:00:00.000Z';

type Staff = 'agent' | 'manager' | 'admin';

describe.skipIf(!hasChromium)('populated screens in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let featured: { id: string; name: string; number: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuild();
    t = await startTestApp({ now: DEMO_AT });
    const company = generateDemoCompany({ seed: 42, customers: 60, now: t.clock.now() });
    await loadDemoCompany(t.ctx, company, () => {}, { sqlite: t.handle.sqlite, seed: 42 });
    await addRelationshipNps();
    t.clock.set(NOW);
    const run = await t.request('manager', 'POST', '/api/v1/churn/runs', {});
    expect(run.status).toBe(202);
    await t.drainJobs();
    featured = await pickFeaturedCustomer();

    base = await listenOnFreePort(t);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  /**
   * The demo answers sale and after-sales CSAT only; a relationship NPS in each month of the
   * dashboard's period (June to October, as the customers would answer it) fills the NPS trend and the
   * praise list. Sent and answered through the same services and token links as in production.
   */
  async function addRelationshipNps() {
    const settings = await t.request('admin', 'GET', '/api/v1/settings/surveys');
    settings.body.minDaysBetweenSurveys = 0;
    expect((await t.request('admin', 'PUT', '/api/v1/settings/surveys', settings.body)).status).toBe(200);
    const customers = (await t.request('admin', 'GET', '/api/v1/customers?limit=500')).body.items as Array<{
      id: string;
      status: string;
    }>;
    const agents = (await t.request('admin', 'GET', '/api/v1/users')).body.items.filter(
      (u: { role: string; email: string }) =>
        u.role === 'agent' && u.email.endsWith('autohaus-sonnenberg.de'),
    ) as Array<{ id: string }>;
    const scores = [10, 9, 8, 6, 10, 7, 9, 3, 10, 8];
    const comments: Record<number, string> = {
      10: 'Frau Keller hat sich großartig um unseren Wagen gekümmert, vielen Dank!',
      9: 'Schnell, freundlich und ehrlich beraten.',
      3: 'Die Werkstatt hat zweimal den Termin verschoben.',
    };
    const used = new Set<string>();
    let n = 0;
    for (let month = 5; month <= 9; month++) {
      for (let k = 0; k < 5; k++) {
        const c = customers[(n * 7) % customers.length];
        const sentAt = new Date(Date.UTC(2026, month, 2 + k * 5, 10));
        const inv = await sendSurvey(at(t.ctx, sentAt), {
          customerId: c.id,
          definitionCode: 'relationship_nps',
          triggerRef: `screens:${n}`,
          agentId: agents[n % agents.length].id,
        });
        n++;
        if (inv.status !== 'sent') continue;
        const mails = await listMailsForCustomer(t.ctx, c.id);
        const token = mails
          .filter((m) => m.purpose === 'survey' && m.created_at === sentAt.toISOString())
          .map((m) => m.text_body.match(/\/s\/([A-Za-z0-9_-]{20,})/)?.[1])
          .find((x) => x && !used.has(x));
        if (!token) continue;
        used.add(token);
        const score = scores[n % scores.length];
        await answerSurvey(at(t.ctx, new Date(sentAt.getTime() + 86_400_000)), token, {
          score,
          reason: null,
          comment: comments[score] ?? null,
        });
      }
    }
    const answered = await t.request(
      'admin',
      'GET',
      '/api/v1/metrics/surveys?groupBy=period&from=2026-06-01T00:00:00.000Z&to=2026-11-01T00:00:00.000Z',
    );
    expect(answered.body.overall.nps.n).toBeGreaterThan(10);
  }

  /** The customer with the fullest Customer 360: purchases, a contract above the new-customer price, answers. */
  async function pickFeaturedCustomer() {
    const customers = (await t.request('admin', 'GET', '/api/v1/customers?limit=500')).body.items as Array<{
      id: string;
      name: string;
      number: string;
    }>;
    let best = { score: -1, c: customers[0] };
    for (const c of customers) {
      const [purchases, contracts, answers, scores] = await Promise.all([
        t.request('admin', 'GET', `/api/v1/customers/${c.id}/purchases?limit=500`),
        t.request('admin', 'GET', `/api/v1/customers/${c.id}/contracts`),
        t.request('admin', 'GET', `/api/v1/surveys/answers?customerId=${c.id}`),
        t.request('admin', 'GET', `/api/v1/churn/customers/${c.id}`),
      ]);
      const score =
        Math.min(purchases.body.items.length, 6) +
        (contracts.body.items.length > 0 ? 10 : 0) +
        (answers.body.items.length > 0 ? 10 : 0) +
        (scores.body.items.length > 1 ? 5 : 0);
      if (score > best.score) best = { score, c };
    }
    const c = best.c;
    // A retention call-back on the customer, so the tasks section has something to show.
    await t.request('manager', 'POST', '/api/v1/tasks', {
      customerId: c.id,
      caseId: null,
      assigneeId: t.staff.agent.id,
      title: 'Rückruf: Inspektion anbieten',
      description: null,
      dueAt: '2026-11-04T10:00:00.000Z',
      priority: 'high',
      source: 'manual',
    });
    return { id: c.id, name: c.name, number: c.number };
  }

  async function open(
    role: Staff,
    viewport = { width: 1280, height: 860 },
    phone = false,
  ): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({
      locale: 'de-DE',
      viewport,
      ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
      acceptDownloads: true,
    });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await loginAs(page, base, `${role}@example.test`);
    return { page, context };
  }

  const shot = (page: Page, name: string, fullPage = true) =>
    page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });

  /** Names of interactive elements without an accessible name, from Chromium's accessibility tree. */
  async function unnamedControls(page: Page): Promise<string[]> {
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{
        ignored: boolean;
        role?: { value: string };
        name?: { value: string };
        backendDOMNodeId?: number;
      }>;
    };
    const interactive = new Set([
      'button',
      'textbox',
      'searchbox',
      'combobox',
      'checkbox',
      'radio',
      'spinbutton',
      'switch',
      'slider',
      'link',
      'tab',
      'menuitem',
      'listbox',
    ]);
    const bad: string[] = [];
    for (const n of nodes) {
      if (n.ignored || !n.role || !interactive.has(n.role.value)) continue;
      if ((n.name?.value ?? '').trim()) continue;
      const html = n.backendDOMNodeId
        ? await cdp
            .send('DOM.getOuterHTML', { backendNodeId: n.backendDOMNodeId })
            .then((r) => (r as { outerHTML: string }).outerHTML.slice(0, 160))
            .catch(() => '?')
        : '?';
      bad.push(`${n.role.value}: ${html}`);
    }
    await cdp.detach();
    return bad;
  }

  /** Tabs to the first control inside <main> and checks that it shows a focus outline. */
  async function focusRingInMain(
    page: Page,
  ): Promise<{ inMain: boolean; outline: string; element?: string }> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const r = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el?.closest('main')) return null;
        const s = getComputedStyle(el);
        return {
          inMain: true,
          outline: `${s.outlineStyle} ${s.outlineWidth}`,
          element: el.outerHTML.slice(0, 160),
        };
      });
      if (r) return r;
    }
    return { inMain: false, outline: 'none' };
  }

  async function checkA11y(page: Page, screen: string) {
    expect({ screen, unnamed: await unnamedControls(page) }).toEqual({ screen, unnamed: [] });
    // The skip link is the first stop of the keyboard after a fresh load (the server's SPA fallback
    // serves the deep link), visible when focused, and jumps into <main>.
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('main .mantine-Loader-root').length === 0);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    const ring = await focusRingInMain(page);
    expect({ screen, ...ring }).toMatchObject({ screen, inMain: true });
    expect({
      screen,
      ...ring,
      outline: ring.outline.replace(/^none .*|^\w+ 0px$/, 'invisible'),
    }).not.toMatchObject({
      outline: 'invisible',
    });
  }

  it('shows a populated Customer 360 and exports its data as admin', async () => {
    const { page } = await open('admin');
    await page.goto(`${base}/customers/${featured.id}`);
    await page.getByTestId('customer-name').filter({ hasText: featured.name }).waitFor();
    // purchases over time and the P(alive) history of two churn runs, as charts
    await page.getByTestId('chart-purchases-by-month').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByTestId('chart-p-alive-history').locator('.recharts-line-curve').first().waitFor();
    const churn = page.locator('section[aria-labelledby="sec-churn"]');
    await churn.getByText('Erwartete Käufe').waitFor();
    expect(await churn.getByText('Kundenwert (CLV)').isVisible()).toBe(true);
    expect(await churn.textContent()).toMatch(/\d+\s?%/);
    // contracts with the price against the new-customer price
    const contract = page.getByTestId('contract').first();
    await contract.waitFor();
    expect(await contract.textContent()).toMatch(/mehr als Neukunden|nicht teurer als Neukunden/);
    // survey answers, the open task, cases
    expect(await page.locator('section[aria-labelledby="sec-surveys"]').textContent()).not.toContain(
      'Keine Einträge',
    );
    await page
      .locator('section[aria-labelledby="sec-tasks"]')
      .getByText('Rückruf: Inspektion anbieten')
      .waitFor();
    await shot(page, 'customer-360');

    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'DSGVO-Export' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe(`customer-${featured.number}.json`);
    const file = await download.path();
    const exported = fs.readFileSync(file, 'utf8');
    expect(exported).toContain(featured.name);
    expect(JSON.parse(exported)).toBeTypeOf('object');
    await checkA11y(page, 'customer-360');
  });

  it('shows the inbox, a case, the dashboard, at-risk and settings with data, each accessible', async () => {
    const { page } = await open('admin');
    const rows = page.getByTestId('inbox-table').locator('tbody tr');
    await rows.nth(5).waitFor();
    await shot(page, 'inbox', false);
    await checkA11y(page, 'inbox');

    await rows.first().click();
    await page.waitForURL(/\/cases\/case_/);
    await page.getByTestId('case-point').first().waitFor();
    await shot(page, 'case');
    await checkA11y(page, 'case');

    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    const paretoAnswer = page.waitForResponse((r) => r.url().includes('/api/v1/root-causes/pareto'));
    await nav.getByRole('link', { name: 'Kennzahlen' }).click();
    await page.getByTestId('chart-complaints-by-month').locator('.recharts-bar-rectangle').first().waitFor();
    await page
      .getByTestId('chart-nps-csat-ces-by-month')
      .locator('.recharts-line')
      .first()
      .waitFor({ state: 'attached' });
    await page.getByTestId('chart-root-cause-pareto').locator('.recharts-bar-rectangle').first().waitFor();
    // Every root cause's bar is named on the axis (Recharts drops colliding labels unless told not to).
    const pareto = page.getByTestId('chart-root-cause-pareto');
    const causes = (await (await paretoAnswer).json()) as { items: unknown[] };
    expect(causes.items.length).toBeGreaterThan(3);
    expect(await pareto.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBe(
      causes.items.length,
    );
    await page.getByTestId('praise').first().waitFor();
    await shot(page, 'dashboard');
    await checkA11y(page, 'dashboard');

    await nav.getByRole('link', { name: 'Springen ab' }).click();
    await page.getByRole('heading', { name: 'Kunden, die abspringen' }).waitFor();
    await page
      .getByText(/^Aufgabe (öffnen|anlegen)$/)
      .first()
      .waitFor();
    await shot(page, 'at-risk', false);
    await checkA11y(page, 'at-risk');
    // The model check below the list: the three candidates compared, the chosen one's parameters.
    const candidates = page.getByTestId('model-check-candidates');
    await candidates.waitFor();
    expect(await candidates.locator('tbody tr').count()).toBe(3);
    expect(await candidates.getByText('gewählt').count()).toBe(1);
    expect(await page.getByTestId('model-check-summary').textContent()).toMatch(
      /^Gewähltes Modell: (BG\/NBD|MBG\/NBD|Pareto\/NBD)\./,
    );
    expect(await page.getByTestId('model-check-parameters').locator('tbody tr').count()).toBe(4);
    await page.getByTestId('chart-churn-cumulative-tracking').locator('.recharts-line').first().waitFor();
    await page.getByRole('heading', { name: 'Modellprüfung' }).scrollIntoViewIfNeeded();
    await shot(page, 'model-check', false);

    await nav.getByRole('link', { name: 'Kunden' }).click();
    await page.getByRole('searchbox', { name: 'Suche' }).waitFor();
    await checkA11y(page, 'customers');

    await nav.getByRole('link', { name: 'Freigaben' }).click();
    await page.getByRole('heading', { name: 'Freigaben', level: 1 }).waitFor();
    await checkA11y(page, 'approvals');

    await nav.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('heading', { name: 'Einstellungen', level: 1 }).waitFor();
    await page
      .getByRole('combobox', { name: /Rolle von/ })
      .first()
      .waitFor();
    await checkA11y(page, 'settings');
    for (const tab of ['Teams', 'Kundenstufen', 'Beschwerden', 'Kataloge', 'Umfragen', 'Weitere']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel').getByRole('heading').first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.mantine-Loader-root').length === 0);
      expect(await unnamedControls(page)).toEqual([]);
      if (tab === 'Beschwerden') await shot(page, 'settings', false);
    }

    await nav.getByRole('link', { name: 'Eingang' }).click();
    await page.getByRole('link', { name: 'Neue Beschwerde' }).click();
    await page.getByLabel('Betreff').waitFor();
    await checkA11y(page, 'new-case');
  });

  it('shows a manager how well the at-risk list picked leavers on the holdout and splits it into call and watch lists', async () => {
    const { page } = await open('manager');
    await page.goto(`${base}/at-risk`);
    await page.getByRole('heading', { name: 'Kunden, die abspringen' }).waitFor();
    const check = page.getByTestId('list-check');
    await check.waitFor();
    const d = (await t.request('manager', 'GET', '/api/v1/churn/diagnostics')).body;
    const text = (await check.textContent()) ?? '';
    if (d.listCheck.available) {
      const pct = (v: number) => `${Math.round(v * 100)}\u00a0%`;
      expect(text).toContain(`Von ${d.listCheck.flagged.customers} gemeldeten Stammkunden`);
      expect(text).toContain(pct(d.listCheck.repeatCustomers.noPurchaseShare));
    } else expect(text).toContain('keinen Prüfzeitraum');
    const all = (await t.request('manager', 'GET', '/api/v1/churn/at-risk?limit=500')).body.items as Array<{
      list: string;
    }>;
    const calls = all.filter((i) => i.list === 'call').length;
    expect(calls).toBeGreaterThan(0);
    await page.getByText('Anrufen', { exact: true }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="at-risk-row"]').length === n,
      Math.min(calls, 50),
    );
    const badges = await page.getByTestId('at-risk-list').allTextContents();
    expect(new Set(badges)).toEqual(new Set(['anrufen']));
    // Value at risk with CLV and the value if the customer stays beside it, probabilities as percentages.
    expect(await page.getByTestId('at-risk-row').first().textContent()).toMatch(
      /CLV .*bleibt er: .*\d+\u00a0%/,
    );
  });

  it('lets a manager work on a 375-px phone: burger navigation, dashboard and at-risk without sideways scrolling', async () => {
    const { page } = await open('manager', { width: 375, height: 812 }, true);
    const noSidewaysScroll = () =>
      page.evaluate(() => ({
        scrollWidth: document.scrollingElement!.scrollWidth,
        innerWidth: window.innerWidth,
      }));
    const expectFits = async (screen: string) => {
      const m = await noSidewaysScroll();
      expect({ screen, fits: m.scrollWidth <= m.innerWidth, ...m }).toMatchObject({ screen, fits: true });
    };
    await page.getByTestId('inbox-table').waitFor();
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    // The navigation is folded away behind the burger on a phone.
    expect(await nav.getByRole('link', { name: 'Kennzahlen' }).isVisible()).toBe(false);
    await expectFits('inbox');

    const go = async (link: string) => {
      await page.getByRole('button', { name: 'Menü öffnen' }).click();
      await nav.getByRole('link', { name: link, exact: true }).click();
      // choosing a screen closes the menu again
      await page.getByRole('button', { name: 'Menü öffnen' }).waitFor();
    };
    await go('Kennzahlen');
    await page.getByTestId('chart-complaints-by-month').locator('.recharts-bar-rectangle').first().waitFor();
    await page
      .getByTestId('chart-nps-csat-ces-by-month')
      .locator('.recharts-line')
      .first()
      .waitFor({ state: 'attached' });
    await expectFits('dashboard');
    // Readable: the KPI tiles and chart titles are not squeezed below a legible size.
    const kpiFont = await page
      .getByText('Beschwerden', { exact: true })
      .first()
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(kpiFont).toBeGreaterThanOrEqual(12);
    await shot(page, 'phone', false);

    await go('Springen ab');
    await page.getByRole('heading', { name: 'Kunden, die abspringen' }).waitFor();
    await page
      .getByText(/^Aufgabe (öffnen|anlegen)$/)
      .first()
      .waitFor();
    await expectFits('at-risk');

    await go('Freigaben');
    await page.getByRole('heading', { name: 'Freigaben', level: 1 }).waitFor();
    await expectFits('approvals');
    await go('Kunden');
    await page.getByRole('searchbox', { name: 'Suche' }).waitFor();
    await expectFits('customers');
    await page.goto(`${base}/customers/${featured.id}`);
    await page.getByTestId('chart-purchases-by-month').locator('.recharts-bar-rectangle').first().waitFor();
    await expectFits('customer-360');
  });
});
