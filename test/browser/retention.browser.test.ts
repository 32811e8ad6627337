// The retention screens in a real browser against the real server, on a small fixture made through
// the API whose figures can be computed by hand: loyalty penalty (apply / record why not), lost
// customers and win-back, Wow-Momente, queue fairness, economics and the Monday digest preview.
// Saves screenshots of each screen for docs/retention.md.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_FAIRNESS_CASES } from '../helpers/queue-fairness-cases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  ensureWebBuild,
  hasChromium,
  launchChromium,
  listenOnFreePort,
  loginAs,
  openPage,
  screenshotDir,
} from './helpers/browser.js';
import { EXPLANATION } from '../helpers/case-resolution.js';

// Monday 2 March 2026, 14:00 in Berlin. The browser's clock is fixed to the server's, so "the last
// 90 days" of the screens start at 2025-12-02T13:00Z; the server ends them at its own now.
const NOW = '2026-03-02T13:00:00.000Z';
const XSS_REASON = '<script>alert(1)</script><img src=x onerror=alert(1)> zu teuer & "laut"';

describe.skipIf(!hasChromium)('retention screens in Chromium', { timeout: 90_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];
  const ids: Record<string, string> = {};
  let seq = 0;

  const ok = <T extends { status: number; body: any }>(res: T, status = 201): T => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res;
  };
  const customer = async (name: string, customerSince: string, extra: Record<string, unknown> = {}) =>
    ok(await t.request('agent', 'POST', '/api/v1/customers', { name, customerSince, ...extra })).body
      .id as string;
  const buy = async (customerId: string, purchasedAt: string, amountMinor: number) =>
    ok(
      await t.request('agent', 'POST', '/api/v1/purchases', {
        externalId: `rb-${++seq}`,
        customerId,
        purchasedAt,
        amountMinor,
        currency: 'EUR',
        kind: 'sale',
      }),
    );
  const contract = async (customerId: string, productId: string, priceMinor: number, startedAt: string) =>
    ok(
      await t.request('agent', 'POST', '/api/v1/contracts', {
        customerId,
        productId,
        priceMinor,
        currency: 'EUR',
        billingPeriod: 'month',
        startedAt,
      }),
    ).body.id as string;

  beforeAll(async () => {
    await ensureWebBuild();
    t = await startTestApp({ now: '2026-03-02T10:00:00.000Z' });
    const manager = t.staff.manager.id;

    // Loyalty penalty: new-customer price 10 €/month since 2025-07-01. Xaver pays 12 € (2,40 €/month
    // × 12 = 24 €/year), Yvonne 14 € (48 €/year): together 72 € a year.
    t.clock.set('2025-07-01T00:00:00.000Z');
    const product = ok(
      await t.request('admin', 'POST', '/api/v1/products', {
        code: 'WARTUNG',
        name: { de: 'Wartung', en: 'Maintenance' },
        kind: 'subscription',
        currency: 'EUR',
        newCustomerPriceMinor: 1_000,
        billingPeriod: 'month',
      }),
    ).body.id as string;
    t.clock.set('2026-03-02T10:00:00.000Z');
    ids.xaver = await customer('Xaver Treu', '2015-01-01T00:00:00Z');
    ids.yvonne = await customer('Yvonne Treu', '2015-01-01T00:00:00Z');
    ids.xaverContract = await contract(ids.xaver, product, 1_200, '2020-01-01T00:00:00Z');
    ids.yvonneContract = await contract(ids.yvonne, product, 1_400, '2021-03-01T00:00:00Z');

    // Queue fairness: the fixture of src/retention/queue-fairness.test.ts, received that morning.
    const replies: Array<{ id: string; at: string }> = [];
    for (const [name, since, status, receivedAt, reply] of QUEUE_FAIRNESS_CASES) {
      const customerId = await customer(name, since, { status });
      const k = ok(
        await t.request('agent', 'POST', '/api/v1/cases', {
          customerId,
          points: [{ text: 'Termin wurde nicht eingehalten' }],
          receivedAt,
        }),
      );
      replies.push({ id: k.body.id, at: reply });
    }
    for (const r of [...replies].sort((a, b) => (a.at < b.at ? -1 : 1))) {
      t.clock.set(r.at);
      ok(
        await t.request('agent', 'POST', `/api/v1/cases/${r.id}/messages`, {
          direction: 'out',
          channel: 'phone',
          body: 'Wir kümmern uns.',
        }),
      );
    }

    // Economics. Klara (customer since 2023: tenure band 1–3 years, outside the fairness flags)
    // complains on 5 January, gets 20 € goodwill, is resolved on 6 January and buys for 80 € on
    // 20 January: recovered, 80 € retained.
    ids.klara = await customer('Klara Klage', '2023-06-01T00:00:00Z');
    t.clock.set('2026-01-05T09:00:00.000Z');
    const k = ok(
      await t.request('agent', 'POST', '/api/v1/cases', {
        customerId: ids.klara,
        points: [{ text: 'Rechnung falsch' }],
        receivedAt: '2026-01-05T09:00:00.000Z',
      }),
    );
    ok(
      await t.request('manager', 'POST', `/api/v1/cases/${k.body.id}/goodwill`, {
        kind: 'credit',
        amountMinor: 2_000,
        currency: 'EUR',
        description: 'Gutschrift',
        status: 'granted',
      }),
    );
    t.clock.set('2026-01-06T09:00:00.000Z');
    ok(
      await t.request('agent', 'PATCH', `/api/v1/cases/${k.body.id}/points/${k.body.points[0].id}`, {
        answer: 'Korrigiert',
        outcome: 'resolved',
      }),
      200,
    );
    ok(await t.request('agent', 'PATCH', `/api/v1/cases/${k.body.id}`, EXPLANATION), 200);
    ok(await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/resolve`), 200);
    t.clock.set('2026-03-02T10:00:00.000Z');
    await buy(ids.klara, '2026-01-20T10:00:00Z', 8_000);

    // Lost and won back. Ben (bought for 100 € in October) is confirmed lost on 1 February and buys
    // again on 11 February: won back after 10 days. Lena (400 € in June 2025) is confirmed lost on
    // 25 February (in the digest's week 2026-W09). Value lost to churn: 500 €.
    ids.ben = await customer('Ben Zurück', '2019-01-01T00:00:00Z', { ownerId: manager });
    ids.lena = await customer('Lena Weg', '2020-01-01T00:00:00Z', { ownerId: manager });
    await buy(ids.ben, '2025-10-01T10:00:00Z', 10_000);
    await buy(ids.lena, '2025-06-01T10:00:00Z', 40_000);
    t.clock.set('2026-02-01T10:00:00.000Z');
    ok(
      await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
        customerId: ids.ben,
        source: 'manual',
        reasonCode: 'competitor',
      }),
    );
    t.clock.set('2026-02-25T10:00:00.000Z');
    ok(
      await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
        customerId: ids.lena,
        source: 'manual',
        reasonCode: 'price',
      }),
    );
    t.clock.set('2026-03-02T10:00:00.000Z');
    await buy(ids.ben, '2026-02-11T10:00:00Z', 5_000);
    ok(await t.request('manager', 'POST', '/api/v1/retention/win-back/check'), 200);

    // Nora, without complaint, buys within six months of the period start; Carla cancels her only
    // contract (a proposal to confirm); Wilma is the one to surprise. Non-complainants since before
    // the period: Xaver, Yvonne, Ben, Lena, Nora, Carla, Wilma = 7, of whom Ben and Nora bought: 2/7.
    ids.nora = await customer('Nora Ruhig', '2020-01-01T00:00:00Z');
    await buy(ids.nora, '2026-01-15T10:00:00Z', 3_000);
    ids.carla = await customer('Carla Kündigt', '2019-01-01T00:00:00Z', { ownerId: manager });
    const carlaContract = await contract(ids.carla, product, 1_000, '2022-01-01T00:00:00Z');
    ok(
      await t.request('agent', 'POST', `/api/v1/contracts/${carlaContract}/cancel`, { reason: 'Umzug' }),
      200,
    );
    // Paul cancels too but stays (a manager decides "not lost"); a customer only since February, so
    // he is not among the non-complainants since before the period.
    ids.paul = await customer('Paul Bleibt', '2026-02-01T00:00:00Z', { ownerId: manager });
    const paulContract = await contract(ids.paul, product, 1_000, '2026-02-01T00:00:00Z');
    ok(
      await t.request('agent', 'POST', `/api/v1/contracts/${paulContract}/cancel`, { reason: 'Zu teuer' }),
      200,
    );
    await t.drainJobs();
    ids.wilma = await customer('Wilma Wow', '2018-01-01T00:00:00Z');

    // Wow-Momente: the agent belongs to team "Innendienst Nord"; two surprises in week 2026-W09.
    const team = ok(await t.request('admin', 'POST', '/api/v1/teams', { name: 'Innendienst Nord' }));
    ok(await t.request('admin', 'PATCH', `/api/v1/users/${t.staff.agent.id}`, { teamId: team.body.id }), 200);
    t.clock.set('2026-02-26T10:00:00.000Z');
    for (const what of ['Blumen zum Jubiläum', 'Ersatzteil persönlich gebracht'])
      ok(await t.request('agent', 'POST', '/api/v1/retention/surprises', { customerId: ids.nora, what }));

    t.clock.set(NOW);
    base = await listenOnFreePort(t);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await openPage(browser, contexts, { timeout: 20_000, now: NOW, viewport });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await loginAs(page, base, email);
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    return page;
  }
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' });
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(screenshotDir, `retention-${name}.png`), fullPage: true });
  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';
  let manager: Page;

  it('shows what loyal customers overpay on the dashboard and lets a manager apply the new-customer price or record why not', async () => {
    manager = await open('manager@example.test');
    await nav(manager).getByRole('link', { name: 'Kennzahlen' }).click();
    await manager.getByTestId('dashboard-overpay-value').waitFor();
    expect(await text(manager, 'dashboard-overpay-value')).toMatch(/^72,00\s€ \/ Jahr$/);

    await nav(manager).getByRole('link', { name: 'Loyalität' }).click();
    await manager.getByRole('tab', { name: 'Treuestrafe', selected: true }).waitFor();
    await manager.getByTestId('loyalty-customer').first().waitFor();
    expect(await text(manager, 'loyalty-total-value')).toMatch(/^72,00\s€$/);
    const rows = manager.getByTestId('loyalty-customer');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('Yvonne Treu');
    expect(await rows.nth(0).getByTestId('loyalty-overpay').textContent()).toMatch(/48,00\s€ pro Jahr/);
    expect(await rows.nth(0).textContent()).toContain('seit 01.07.2025');
    await shot(manager, 'loyalty');

    await manager.getByRole('button', { name: 'Neukundenpreis anwenden: WARTUNG, Yvonne Treu' }).click();
    await rows.filter({ hasText: 'Yvonne Treu' }).waitFor({ state: 'detached' });
    await manager
      .getByTestId('loyalty-total-value')
      .filter({ hasText: /^24,00\s€$/ })
      .waitFor();
    const yvonne = await t.request('manager', 'GET', `/api/v1/contracts/${ids.yvonneContract}`);
    expect(yvonne.body.priceMinor).toBe(1_000);

    await manager.getByRole('button', { name: 'Begründen, warum nicht: WARTUNG, Xaver Treu' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Begründung' }).fill('Sondervertrag mit Vor-Ort-Service');
    await dialog.getByRole('button', { name: 'Begründung speichern' }).click();
    await manager.getByText('Kein Kunde zahlt mehr als ein Neukunde.').waitFor();
    expect(await text(manager, 'loyalty-total-value')).toMatch(/^0,00\s€$/);
    const decisions = await t.request(
      'manager',
      'GET',
      `/api/v1/retention/loyalty-penalty/${ids.xaverContract}/decisions`,
    );
    expect(decisions.body.items[0]).toMatchObject({
      action: 'dismissed',
      reason: 'Sondervertrag mit Vor-Ort-Service',
    });
  });

  it('confirms a proposed customer as lost with a reason, shows the win-back task, and the reason with markup as text', async () => {
    await manager.getByRole('tab', { name: 'Verlorene Kunden' }).click();
    await manager.getByTestId('wb-lost-value').waitFor();
    // Before: Ben (won back after 10 days) and Lena lost in the last 90 days.
    expect(await text(manager, 'wb-lost-value')).toBe('2');
    expect(await text(manager, 'wb-won-value')).toBe('1');
    expect(await text(manager, 'wb-rate-value')).toMatch(/^50\s%$/);
    expect(await text(manager, 'wb-days-value')).toBe('10 Tage');

    t.clock.set('2026-03-02T13:05:00.000Z'); // time passes while the manager works
    await manager.getByRole('button', { name: 'Prüfen und bestätigen: Carla Kündigt' }).click();
    await manager
      .getByTestId('lost-chosen-customer')
      .filter({ hasText: /^Carla Kündigt$/ })
      .waitFor();
    expect(await manager.getByLabel('Anlass').inputValue()).toBe('cancellation');
    await manager.getByLabel('Grund', { exact: true }).selectOption('price');
    await manager.getByRole('textbox', { name: 'Grund in Worten (optional)' }).fill(XSS_REASON);
    await manager.getByRole('button', { name: 'Als verloren bestätigen' }).click();
    const confirmed = manager.getByTestId('lost-confirmed');
    await confirmed.waitFor();
    const task = confirmed.getByTestId('win-back-task');
    await task.getByRole('link').filter({ hasNotText: 'Aufgabe öffnen' }).waitFor();
    expect(await task.textContent()).toContain('Rückgewinnungsaufgabe');
    expect(await task.textContent()).toContain('Treuepreis');
    expect(await task.textContent()).toContain('Nachfassen am 01.04.2026');
    const tasks = await t.request('manager', 'GET', `/api/v1/tasks?customerId=${ids.carla}`);
    expect(tasks.body.items.some((x: { assigneeId: string }) => x.assigneeId === t.staff.manager.id)).toBe(
      true,
    );

    // The period ends at the server's now, which this fixed clock does not move: let a minute pass
    // and load the page again.
    t.clock.set('2026-03-02T13:06:00.000Z');
    await manager.reload();
    await manager.getByTestId('wb-lost-value').filter({ hasText: /^3$/ }).waitFor();
    expect(await text(manager, 'wb-rate-value')).toMatch(/^33,3\s%$/);
    const carla = manager.getByTestId('lost-row').filter({ hasText: 'Carla Kündigt' });
    expect(await carla.getByTestId('lost-reason-text').textContent()).toBe(XSS_REASON);
    expect(await manager.locator('main img[src="x"], main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await manager.getByRole('button', { name: 'Prüfen und bestätigen: Carla Kündigt' }).count()).toBe(
      0,
    );
    await shot(manager, 'lost');

    // The list behind the screen: confirmed in the period, oldest first; managers only.
    const list = ok(
      await t.request('manager', 'GET', '/api/v1/retention/lost-customers?from=2026-01-01T00:00:00Z'),
      200,
    );
    expect(
      list.body.items.map((l: { customerId: string; status: string }) => [l.customerId, l.status]),
    ).toEqual([
      [ids.ben, 'won_back'],
      [ids.lena, 'lost'],
      [ids.carla, 'lost'],
    ]);
    expect((await t.request('agent', 'GET', '/api/v1/retention/lost-customers')).status).toBe(403);
    const bad = await t.request('manager', 'GET', '/api/v1/retention/lost-customers?from=yesterday');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('from');
  });

  it('records that a proposed customer is not lost, with the reason, and the proposal leaves the list', async () => {
    const notLost = manager.getByRole('button', { name: 'Nicht verloren: Paul Bleibt' });
    await notLost.click();
    const dialog = manager.getByRole('dialog');
    await dialog
      .getByRole('textbox', { name: 'Warum nicht? (wird protokolliert)' })
      .fill('Hat den Vertrag zum neuen Preis verlängert');
    await dialog.getByRole('button', { name: 'Entscheidung speichern' }).click();
    await notLost.waitFor({ state: 'detached' });
    const audit = ok(await t.request('manager', 'GET', `/api/v1/customers/${ids.paul}/audit`), 200);
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'dismiss_lost');
    expect(entry.changes.reason.after).toBe('Hat den Vertrag zum neuen Preis verlängert');
    expect(ok(await t.request('agent', 'GET', `/api/v1/customers/${ids.paul}`), 200).body.status).toBe(
      'active',
    );
  });

  it("opens the lost-customer confirmation pre-filled from a customer's page, for managers only", async () => {
    await manager.goto(`${base}/customers/${ids.nora}`);
    await manager.getByTestId('customer-name').filter({ hasText: 'Nora Ruhig' }).waitFor();
    await manager.getByRole('link', { name: 'Als verloren bestätigen …' }).click();
    await manager.waitForURL(`${base}/retention/lost?customerId=${ids.nora}&source=manual`);
    await manager
      .getByTestId('lost-chosen-customer')
      .filter({ hasText: /^Nora Ruhig$/ })
      .waitFor();
    expect(await manager.getByLabel('Anlass').inputValue()).toBe('manual');

    const agent = await open('agent@example.test');
    await agent.goto(`${base}/customers/${ids.nora}`);
    await agent.getByTestId('customer-name').filter({ hasText: 'Nora Ruhig' }).waitFor();
    expect(await agent.getByRole('link', { name: 'Als verloren bestätigen …' }).count()).toBe(0);
  });

  it('lets an agent log a Wow-Moment and moves the team progress, without per-person figures', async () => {
    const agent = await open('agent@example.test');
    await nav(agent).getByRole('link', { name: 'Loyalität' }).click();
    await agent.getByRole('tab', { name: 'Wow-Momente', selected: true }).waitFor();
    expect(await agent.getByRole('tab', { name: 'Treuestrafe' }).count()).toBe(0);
    const team = agent.getByTestId('wow-team').filter({ hasText: 'Innendienst Nord' });
    await team.getByTestId('wow-team-count').filter({ hasText: '0 von 3' }).waitFor();

    await agent.getByRole('searchbox', { name: 'Kunde suchen (Name oder Nummer)' }).fill('Wilma');
    await agent.getByRole('button', { name: /Wilma Wow/ }).click();
    await agent
      .getByRole('textbox', { name: 'Was haben Sie getan?' })
      .fill('Kaffee und Kuchen zum 8. Kundenjahr');
    await agent.getByRole('textbox', { name: 'Kosten in EUR (optional)' }).fill('12,5');
    await agent.getByRole('button', { name: 'Wow-Moment erfassen' }).click();
    await team.getByTestId('wow-team-count').filter({ hasText: '1 von 3' }).waitFor();
    expect(await agent.getByText('Zahlen pro Person sind ausgeschaltet').count()).toBe(1);
    const progress = await t.request('agent', 'GET', '/api/v1/retention/surprises/progress');
    expect(progress.body.people).toBeNull();
    const exported = JSON.stringify(
      (await t.request('admin', 'GET', `/api/v1/customers/${ids.wilma}/export`)).body,
    );
    expect(exported).toContain('"costMinor":1250');
    expect(exported).toContain('Kaffee und Kuchen zum 8. Kundenjahr');
    await shot(agent, 'surprises');
  });

  it('shows the queue-fairness waiting times of the fixture and flags that long-standing customers wait longer', async () => {
    await manager.getByRole('tab', { name: 'Warteschlange' }).click();
    const gt10 = manager.getByTestId('fairness-row-gt10');
    await gt10.waitFor();
    const cells = async (key: string) =>
      (await manager.getByTestId(`fairness-row-${key}`).locator('td').allTextContents()).map((s) =>
        s.replace(/\s+/g, ' '),
      );
    expect(await cells('gt10')).toEqual(['2', '90 Min.p90 114 Min.', '210 Min.p90 234 Min.']);
    expect(await cells('lt1')).toEqual(['1', '30 Min.p90 30 Min.', '90 Min.p90 90 Min.']);
    expect((await cells('prospect'))[2]).toBe('50 Min.p90 50 Min.');
    const flags = manager.getByTestId('fairness-flag');
    expect(await flags.count()).toBe(4);
    expect(await flags.allTextContents()).toContain(
      'Erste Antwort: Kunden über 10 Jahre warten im Median 210 Min., Interessenten 50 Min.',
    );
    await manager.getByTestId('chart-queue-fairness').locator('.recharts-bar-rectangle').first().waitFor();
    await shot(manager, 'fairness');
  });

  it('shows the economics figures of the fixture with the word-of-mouth assumptions', async () => {
    await manager.getByRole('tab', { name: 'Wirtschaftlichkeit' }).click();
    await manager.getByTestId('eco-lost-value').waitFor();
    expect(await text(manager, 'eco-lost-value')).toMatch(/^500,00\s€$/); // Lena 400 + Ben 100 + Carla 0
    expect(await text(manager, 'eco-risk-value')).toMatch(/^0,00\s€$/);
    expect(await text(manager, 'eco-goodwill-value')).toMatch(/^20,00\s€ \/ 80,00\s€$/);
    expect(await text(manager, 'eco-recovery-value')).toMatch(/^100\s% \/ 28,6\s%$/);
    expect(await text(manager, 'eco-recovery')).toContain('1 von 1 gegenüber 2 von 7');
    expect(await text(manager, 'eco-wom-value')).toBe('ca. 0 Personen erreicht');
    expect(await text(manager, 'eco-wom')).toContain('0 unzufriedene Kunden × 9 Personen');
    expect(await manager.getByTestId('eco-wom').getByRole('listitem').first().textContent()).toContain('9');
    await shot(manager, 'economics');
  });

  it("previews the Monday digest with the week's figures in a sandboxed frame", async () => {
    await manager.getByRole('tab', { name: 'Montags-Digest' }).click();
    await manager.getByTestId('digest-subject').filter({ hasText: 'KW 9/2026' }).waitFor();
    const frameEl = manager.getByTestId('digest-frame');
    expect(await frameEl.getAttribute('sandbox')).toBe('');
    const frame = manager.frameLocator('[data-testid="digest-frame"]');
    const row = (label: string) => frame.locator('tr', { hasText: label }).locator('td');
    expect(await row('Abgesprungene Kunden (bestätigt)').allTextContents()).toEqual([
      'Abgesprungene Kunden (bestätigt)',
      '1',
      '0',
      '+1',
    ]);
    expect((await row('Wow-Momente des Teams').allTextContents()).slice(1, 2)).toEqual(['2']);
    // The charts are the mail's inline images, shown from data: URLs.
    const img = frame.locator('img').first();
    expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    // No send button for managers: only admins may send (the API's roles).
    expect(await manager.getByRole('button', { name: 'Jetzt senden' }).count()).toBe(0);
    await shot(manager, 'digest');

    // The English mail, and the whole screen in English.
    await manager.getByText('Englisch', { exact: true }).click();
    await manager
      .getByTestId('digest-subject')
      .filter({ hasText: 'Monday morning: customer retention in week 9, 2026' })
      .waitFor();
    await manager.locator('label[for$="-en"]').first().click();
    await manager.getByRole('tab', { name: 'Monday digest', selected: true }).waitFor();
    await manager.getByRole('tab', { name: 'Economics' }).click();
    await manager.getByTestId('eco-wom-value').filter({ hasText: 'about 0 people reached' }).waitFor();
    expect(await text(manager, 'eco-lost-value')).toMatch(/^€500\.00$/);
    await manager.locator('label[for$="-de"]').first().click();
  });

  it('shows every retention screen on a 375 px phone without horizontal scrolling', async () => {
    const phone = await open('manager@example.test', { width: 375, height: 812 });
    for (const section of ['loyalty', 'lost', 'surprises', 'fairness', 'economics', 'digest']) {
      await phone.goto(`${base}/retention/${section}`);
      await phone.getByRole('tab', { selected: true }).waitFor();
      await phone.getByRole('tabpanel').locator('.mantine-Card-root').first().waitFor();
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, section).toBe(0);
      if (section === 'fairness') await shot(phone, 'phone');
    }
  });
});
