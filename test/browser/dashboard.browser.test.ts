// The dashboard's "group by" and its churn and retention charts in a real browser against the real
// server, on a small fixture made through the API whose figures can be computed by hand: two teams,
// two touchpoints, complaints in each, two survey answers given through the real survey links, two
// churn scoring runs and one lost customer. The charts' CSV files are the rows they show.
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import de from '../../web/src/locales/de.json';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  ensureWebBuild,
  hasChromium,
  launchChromium,
  listenOnFreePort,
  loginAs,
  openPage,
} from './helpers/browser.js';

const DAY = 86_400_000;
// The browser's clock is fixed to the server's: "the last 6 months" run from 2025-10-01 to now.
const NOW = '2026-03-02T13:00:00.000Z';
const FIRST_RUN = '2026-02-02T09:00:00.000Z';
const SECOND_RUN = '2026-03-02T09:00:00.000Z';

type Csv = Array<Record<string, string>>;

describe.skipIf(!hasChromium)(
  'dashboard group-by and churn/retention in Chromium',
  { timeout: 90_000 },
  () => {
    let t: TestApp;
    let smtp: TestSmtp;
    let browser: Browser;
    let base: string;
    const contexts: BrowserContext[] = [];
    const ids: Record<string, string> = {};
    let runs: Array<{ at: string; atRisk: number; customers: number }> = [];
    let seq = 0;

    const ok = <T extends { status: number; body: any }>(res: T, status = 201): T => {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      return res;
    };
    const customer = async (name: string, extra: Record<string, unknown> = {}) =>
      ok(
        await t.request('agent', 'POST', '/api/v1/customers', {
          name,
          customerSince: '2024-01-01T00:00:00Z',
          ...extra,
        }),
      ).body.id as string;
    const complaint = async (ownerId: string, touchpointCode: string | undefined, receivedAt: string) =>
      ok(
        await t.request('agent', 'POST', '/api/v1/cases', {
          customerId: await customer(`Beschwerde ${++seq}`),
          points: [{ text: 'Termin wurde nicht eingehalten' }],
          receivedAt,
          ownerId,
          ...(touchpointCode ? { touchpointCode } : {}),
        }),
      ).body.id as string;

    /** Sends the relationship NPS for `agentId` at `touchpointCode` and answers it through its link. */
    async function answerSurvey(email: string, agentId: string, touchpointCode: string, score: number) {
      const customerId = await customer(`Befragt ${email}`, { email });
      ok(
        await t.request('agent', 'POST', `/api/v1/customers/${customerId}/consents`, {
          channel: 'email',
          purpose: 'surveys',
          basis: 'opt_in',
          status: 'given',
          source: 'order form',
        }),
      );
      ok(
        await t.request('manager', 'POST', '/api/v1/surveys/requests', {
          customerId,
          definitionCode: 'relationship_nps',
          agentId,
          touchpointCode,
        }),
        202,
      );
      await t.drainJobs();
      let mail: string | undefined;
      for (let i = 0; i < 250 && !mail; i++) {
        mail = smtp.messages.find((m) => (m.to as any)?.text === email)?.text || undefined;
        if (!mail) await new Promise((r) => setTimeout(r, 20));
      }
      const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(mail ?? '')![1];
      const form = await t.request(null, 'GET', `/s/${token}`);
      const nonce = /name="nonce" value="([^"]+)"/.exec(form.text)![1];
      ok(
        await t.request(
          null,
          'POST',
          `/s/${token}`,
          new URLSearchParams({ nonce, score: String(score) }).toString(),
          { 'content-type': 'application/x-www-form-urlencoded' },
        ),
        200,
      );
    }

    beforeAll(async () => {
      await ensureWebBuild();
      smtp = await startSmtp();
      t = await startTestApp({ now: '2026-02-01T09:00:00.000Z', smtpUrl: smtp.url });

      // Teams: the agent (Anna) works in "Team Nord", the manager (Max) in "Team Süd".
      ids.nord = ok(await t.request('admin', 'POST', '/api/v1/teams', { name: 'Team Nord' })).body.id;
      ids.sued = ok(await t.request('admin', 'POST', '/api/v1/teams', { name: 'Team Süd' })).body.id;
      ok(await t.request('admin', 'PATCH', `/api/v1/users/${t.staff.agent.id}`, { teamId: ids.nord }), 200);
      ok(await t.request('admin', 'PATCH', `/api/v1/users/${t.staff.manager.id}`, { teamId: ids.sued }), 200);
      // Touchpoints with German and English names.
      for (const [code, de, en] of [
        ['dash_werkstatt', 'Werkstatt-Annahme', 'Workshop reception'],
        ['dash_verkauf', 'Verkaufsgespräch', 'Sales talk'],
      ])
        ok(
          await t.request('admin', 'POST', '/api/v1/touchpoints', { code, name: { de, en }, phase: 'other' }),
        );

      // Complaints in February: Nord 3 (Werkstatt, Werkstatt, Verkauf), Süd 2 (Verkauf, none).
      // By touchpoint: Werkstatt 2, Verkauf 2, none 1. 20 € goodwill on one Nord case.
      const agent = t.staff.agent.id;
      const manager = t.staff.manager.id;
      const nordCase = await complaint(agent, 'dash_werkstatt', '2026-02-01T08:00:00.000Z');
      await complaint(agent, 'dash_werkstatt', '2026-02-01T08:10:00.000Z');
      await complaint(agent, 'dash_verkauf', '2026-02-01T08:20:00.000Z');
      await complaint(manager, 'dash_verkauf', '2026-02-01T08:30:00.000Z');
      await complaint(manager, undefined, '2026-02-01T08:40:00.000Z');
      ok(
        await t.request('manager', 'POST', `/api/v1/cases/${nordCase}/goodwill`, {
          kind: 'credit',
          amountMinor: 2_000,
          currency: 'EUR',
          description: 'Gutschrift',
          status: 'granted',
        }),
      );

      // Survey answers: a promoter (10) for Anna at the workshop, a detractor (3) for Max at the sales
      // talk. NPS: Nord and Werkstatt +100, Süd and Verkauf −100.
      await answerSurvey('promoter@example.test', agent, 'dash_werkstatt', 10);
      await answerSurvey('detractor@example.test', manager, 'dash_verkauf', 3);

      // Purchase histories for the churn model: 24 customers buying every 2–5 weeks for two years,
      // every third stopped half a year ago; scored on 2 February and on 2 March (one model, quick).
      const s = ok(await t.request('admin', 'GET', '/api/v1/settings/churn'), 200).body;
      ok(
        await t.request('admin', 'PUT', '/api/v1/settings/churn', {
          ...s,
          scoring: { ...s.scoring, models: ['bgnbd'] },
        }),
        200,
      );
      const end = Date.parse(FIRST_RUN);
      for (let k = 0; k < 24; k++) {
        const since = end - 730 * DAY;
        const c = await customer(`Käufer ${k}`, { customerSince: new Date(since).toISOString() });
        if (k === 0) ids.lost = c;
        const stop = k % 3 === 0 ? end - 180 * DAY : end - 2 * DAY;
        const gap = (14 + (k % 4) * 7) * DAY;
        for (let at = since + gap; at <= stop; at += gap)
          ok(
            await t.request('agent', 'POST', '/api/v1/purchases', {
              externalId: `db-${++seq}`,
              customerId: c,
              purchasedAt: new Date(at).toISOString(),
              amountMinor: 5_000 + k * 100,
              currency: 'EUR',
              kind: 'sale',
            }),
          );
      }
      for (const at of [FIRST_RUN, SECOND_RUN]) {
        t.clock.set(at);
        ok(await t.request('manager', 'POST', '/api/v1/churn/runs', {}), 202);
        await t.drainJobs();
        if (at === FIRST_RUN) {
          // One lost customer, confirmed on 10 February (no purchase since: not won back).
          t.clock.set('2026-02-10T10:00:00.000Z');
          ok(
            await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
              customerId: ids.lost,
              source: 'manual',
              reasonCode: 'competitor',
            }),
          );
        }
      }
      runs = (ok(await t.request('agent', 'GET', '/api/v1/churn/runs'), 200).body.items as typeof runs)
        .slice()
        .reverse();
      expect(runs.map((r) => r.at)).toEqual([FIRST_RUN, SECOND_RUN]);
      expect(runs[1].atRisk).toBeGreaterThan(0);

      t.clock.set(NOW);
      base = await listenOnFreePort(t);
      browser = await launchChromium();
    }, 180_000);

    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser?.close();
      await t?.close();
      await smtp?.stop();
    });

    async function open(email: string): Promise<Page> {
      const page = await openPage(browser, contexts, { timeout: 20_000, now: NOW });
      await loginAs(page, base, email);
      await page
        .getByRole('navigation', { name: 'Hauptnavigation' })
        .getByRole('link', { name: 'Kennzahlen' })
        .click();
      await page.getByRole('heading', { name: 'Kennzahlen', level: 1 }).waitFor();
      return page;
    }

    /** The downloaded file of the chart's CSV button: BOM, German headers, semicolon-separated. */
    async function csvTextOf(page: Page, csvName: string): Promise<string> {
      const card = page.getByTestId(`chart-${csvName}`);
      await card.getByRole('button', { name: /^Daten als CSV herunterladen: / }).waitFor();
      const downloaded = page.waitForEvent('download');
      await card.getByRole('button', { name: /^Daten als CSV herunterladen: / }).click();
      const download = await downloaded;
      expect(download.suggestedFilename()).toBe(`${csvName}.csv`);
      const raw = fs.readFileSync((await download.path())!, 'utf8');
      expect(raw.startsWith('\uFEFF')).toBe(true);
      return raw.slice(1);
    }
    /** The CSV's rows keyed by column key (German header → key through the German texts). */
    async function csvOf(page: Page, csvName: string): Promise<Csv> {
      const [header, ...lines] = (await csvTextOf(page, csvName)).trim().split('\r\n');
      const keyOf = new Map(Object.entries(de.csvColumns).map(([k, label]) => [label, k]));
      const cols = header.split(';').map((h) => keyOf.get(h) ?? h);
      return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i], v])));
    }
    const pick = (rows: Csv, keys: string[]) =>
      rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

    let manager: Page;

    it('shows complaints, NPS and goodwill per team as bars whose CSV rows carry the team names', async () => {
      manager = await open('manager@example.test');
      await manager.getByTestId('chart-complaints-by-month').waitFor();
      const groupBy = manager.getByLabel('Gruppieren nach');
      // Per-agent figures are off by default: the choice is not offered.
      expect(await groupBy.locator('option').allTextContents()).toEqual(['Monat', 'Team', 'Kontaktpunkt']);
      await groupBy.selectOption('team');
      await manager.getByRole('heading', { name: 'Beschwerden und Fristen nach Team' }).waitFor();
      await manager
        .getByTestId('chart-complaints-by-team')
        .locator('.recharts-bar-rectangle')
        .first()
        .waitFor();

      // German Excel reads semicolons and decimal commas; the headers are German words.
      const complaintsCsv = await csvTextOf(manager, 'complaints-by-team');
      expect(complaintsCsv.split('\r\n')[0]).toBe(
        'Team-ID;Team;Fälle;Erste Antwort in Frist (Anteil);Lösung in Frist (Anteil);Median erste Antwort (Arbeitsstunden);Median Lösung (Arbeitsstunden);Wiedereröffnet (Anteil);Eskalierte Fälle',
      );
      expect(pick(await csvOf(manager, 'complaints-by-team'), ['team', 'teamName', 'cases'])).toEqual([
        { team: ids.nord, teamName: 'Team Nord', cases: '3' },
        { team: ids.sued, teamName: 'Team Süd', cases: '2' },
      ]);
      expect(pick(await csvOf(manager, 'nps-csat-ces-by-team'), ['teamName', 'nps', 'npsN'])).toEqual([
        { teamName: 'Team Nord', nps: '100', npsN: '1' },
        { teamName: 'Team Süd', nps: '-100', npsN: '1' },
      ]);
      expect(await csvOf(manager, 'goodwill-by-team')).toEqual([
        { team: ids.nord, teamName: 'Team Nord', currency: 'EUR', amountMinor: '2000' },
        { team: ids.sued, teamName: 'Team Süd', currency: 'EUR', amountMinor: '0' },
      ]);
      // The Pareto has no grouping in its API: the note says so instead of faking one.
      expect(await manager.getByTestId('chart-root-cause-pareto').textContent()).toContain(
        'Nicht nach Gruppe aufgeteilt',
      );
    });

    it('shows the same figures per touchpoint under their German names, cases without one apart', async () => {
      await manager.getByLabel('Gruppieren nach').selectOption('touchpoint');
      await manager.getByRole('heading', { name: 'Beschwerden und Fristen nach Kontaktpunkt' }).waitFor();
      expect(
        pick(await csvOf(manager, 'complaints-by-touchpoint'), ['touchpoint', 'touchpointName', 'cases']),
      ).toEqual([
        { touchpoint: '', touchpointName: 'ohne Zuordnung', cases: '1' },
        { touchpoint: 'dash_verkauf', touchpointName: 'Verkaufsgespräch', cases: '2' },
        { touchpoint: 'dash_werkstatt', touchpointName: 'Werkstatt-Annahme', cases: '2' },
      ]);
      expect(
        pick(await csvOf(manager, 'nps-csat-ces-by-touchpoint'), ['touchpointName', 'nps', 'npsN']),
      ).toEqual([
        { touchpointName: 'Verkaufsgespräch', nps: '-100', npsN: '1' },
        { touchpointName: 'Werkstatt-Annahme', nps: '100', npsN: '1' },
      ]);
    });

    it('shows the scoring runs with their at-risk counts and the lost customer, per month again', async () => {
      await manager.getByLabel('Gruppieren nach').selectOption('month');
      await manager.getByTestId('chart-complaints-by-month').waitFor();
      expect(pick(await csvOf(manager, 'complaints-by-month'), ['month', 'cases'])).toEqual([
        { month: '2026-02', cases: '5' },
      ]);
      const card = manager.getByTestId('chart-churn-runs');
      await card.locator('.recharts-bar-rectangle').first().waitFor();
      expect(pick(await csvOf(manager, 'churn-runs'), ['at', 'customers', 'atRisk'])).toEqual(
        runs.map((r) => ({ at: r.at, customers: String(r.customers), atRisk: String(r.atRisk) })),
      );
      expect(await card.textContent()).toContain(
        `Letzter Lauf (02.03.2026): ${runs[1].atRisk} von ${runs[1].customers} Kunden gefährdet`,
      );
      expect(await csvOf(manager, 'lost-won-back-by-month')).toEqual([
        { month: '2026-02', lost: '1', wonBack: '0' },
      ]);
      expect(await manager.getByTestId('chart-lost-won-back-by-month').textContent()).toContain(
        '1 Kunde im Zeitraum als verloren bestätigt, davon 0 zurückgewonnen',
      );
    });

    it('offers agents the churn runs but not the managers-only retention figures, without an error', async () => {
      const agent = await open('agent@example.test');
      await agent.getByTestId('chart-churn-runs').locator('.recharts-bar-rectangle').first().waitFor();
      await agent.getByTestId('chart-complaints-by-month').waitFor();
      expect(await agent.getByTestId('chart-lost-won-back-by-month').count()).toBe(0);
      expect(await agent.getByRole('alert').count()).toBe(0);
    });

    it('offers grouping by agent once per-person figures are turned on, with the agents’ names', async () => {
      ok(await t.request('admin', 'PUT', '/api/v1/settings/metrics', { perPersonVisible: true }), 200);
      await manager.reload();
      const groupBy = manager.getByLabel('Gruppieren nach');
      await groupBy.locator('option[value="agent"]').waitFor({ state: 'attached' });
      await groupBy.selectOption('agent');
      await manager.getByRole('heading', { name: 'Beschwerden und Fristen nach Mitarbeiter' }).waitFor();
      expect(pick(await csvOf(manager, 'complaints-by-agent'), ['agentName', 'cases'])).toEqual([
        { agentName: 'Anna Agent', cases: '3' },
        { agentName: 'Max Manager', cases: '2' },
      ]);
    });
  },
);
