// Web app benchmark: gzipped JavaScript per chunk (what the first screen loads eagerly, and in all), and
// the time to the first meaningful screen on localhost in headless Chromium, each against a baseline
// measured in the same run on the same server: the bare static index.html with JavaScript off.
//   cold login:  fresh browser profile (empty cache), navigation start → login form visible
//   warm login:  same profile again (hashed assets from the cache), navigation start → form visible
//   login click → first case row of the inbox
//   /inbox with a session, warm: navigation start → first case row visible
// Median of RUNS runs each, with the phases of the cold load (HTML received, scripts fetched,
// DOMContentLoaded, session answered, form visible).
// Run: npx tsx bench/web.ts   (needs /usr/bin/chromium; builds web/dist if missing)
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startTestApp, type TestApp } from '../test/helpers/test-app.js';
import { ensureWebBuild, hasChromium, launchChromium, repoRoot } from '../test/browser/helpers/browser.js';
import { machineLine } from './lib/bench-env.js';

const RUNS = 7;
const CASES = 30;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bundleSizes(): Array<{ file: string; raw: number; gzip: number }> {
  const dir = path.join(repoRoot, 'web/dist/assets');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((file) => {
      const buf = fs.readFileSync(path.join(dir, file));
      return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

const kb = (n: number) => (n / 1024).toFixed(1);

function printBundle() {
  const sizes = bundleSizes();
  const js = sizes.filter((s) => s.file.endsWith('.js'));
  const index = fs.readFileSync(path.join(repoRoot, 'web/dist/index.html'), 'utf8');
  const eager = sizes.filter((s) => index.includes(s.file));
  console.log(
    '\nBundle (web/dist/assets), largest first; * = loaded by index.html (entry + modulepreload + CSS)',
  );
  console.log('file'.padEnd(46), 'raw KB'.padStart(9), 'gzip KB'.padStart(9));
  for (const s of sizes.slice(0, 15))
    console.log(
      `${index.includes(s.file) ? '*' : ' '} ${s.file}`.padEnd(46),
      kb(s.raw).padStart(9),
      kb(s.gzip).padStart(9),
    );
  if (sizes.length > 15) console.log(`  … ${sizes.length - 15} smaller files`);
  const eagerJs = eager.filter((s) => s.file.endsWith('.js'));
  console.log(
    `JS in all:           ${kb(js.reduce((a, s) => a + s.gzip, 0)).padStart(7)} KB gzip over ${js.length} chunks (target < 400 KB)`,
  );
  console.log(
    `JS of the first screen: ${kb(eagerJs.reduce((a, s) => a + s.gzip, 0)).padStart(4)} KB gzip in ${eagerJs.length} files, CSS ${kb(eager.filter((s) => s.file.endsWith('.css')).reduce((a, s) => a + s.gzip, 0))} KB gzip`,
  );
}

/** Milliseconds from navigation start until `selector` is in the DOM and visible. */
async function timeTo(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel) as HTMLElement | null;
      return el && el.offsetParent !== null && performance.now();
    },
    selector,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

type Phases = { html: number; scripts: number; dcl: number; session: number };
async function phases(page: Page): Promise<Phases> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    // the files the page needs to start (not the inbox chunk prefetched once the form is up)
    const scripts = res
      .filter((r) => /\.(js|css)$/.test(r.name) && r.startTime < nav.domContentLoadedEventEnd)
      .map((r) => r.responseEnd);
    const me = res.find((r) => r.name.includes('/api/v1/auth/me'));
    return {
      html: nav.responseEnd,
      scripts: Math.max(0, ...scripts),
      dcl: nav.domContentLoadedEventEnd,
      session: me?.responseEnd ?? Number.NaN,
    };
  });
}

async function seedInbox(t: TestApp): Promise<string> {
  let first = '';
  const c = await t.request('agent', 'POST', '/api/v1/customers', {
    name: 'Bench Kundin',
    email: 'bench@example.test',
    locale: 'de',
  });
  for (let i = 0; i < CASES; i++) {
    const res = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.body.id,
      subject: `Beschwerde ${i + 1}`,
      points: [{ text: `Punkt der Beschwerde ${i + 1}` }],
    });
    if (res.status !== 201) throw new Error(`seeding case ${i}: ${res.status} ${res.text}`);
    first ||= res.body.id;
  }
  return first;
}

async function measure(browser: Browser, base: string) {
  const baseline: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const loginToInbox: number[] = [];
  const inboxWarm: number[] = [];
  const coldPhases: Phases[] = [];
  const ROW = '[data-testid=inbox-table] tbody tr';
  for (let i = 0; i < RUNS; i++) {
    // Baseline: the same server's static index.html, JavaScript off, to its load event.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const p0 = await plain.newPage();
    await p0.goto(`${base}/`, { waitUntil: 'load' });
    baseline.push(
      await p0.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
      ),
    );
    await plain.close();

    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    cold.push(await timeTo(page, 'input[type=password]'));
    coldPhases.push(await phases(page));

    await page.goto(`${base}/`, { waitUntil: 'commit' });
    warm.push(await timeTo(page, 'input[type=password]'));

    await page.getByLabel('E-Mail').fill('agent@example.test');
    await page.getByRole('textbox', { name: 'Passwort' }).fill(PASSWORD);
    const clickedAt = (await page.evaluate(() => performance.now())) as number;
    await page.getByRole('button', { name: 'Anmelden' }).click();
    loginToInbox.push((await timeTo(page, ROW)) - clickedAt);

    await page.goto(`${base}/inbox`, { waitUntil: 'commit' });
    inboxWarm.push(await timeTo(page, ROW));
    await context.close();
  }
  return { baseline, cold, warm, loginToInbox, inboxWarm, coldPhases };
}

/**
 * Bytes on the wire (Chromium's encodedDataLength: compressed bodies plus headers) in a fresh
 * context with an empty cache: the login page, then logging in to the inbox, then a manager's tour
 * of every screen. Also the time from the login click to an open case.
 */
async function wire(browser: Browser, base: string, caseId: string) {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  const settle = () => page.waitForLoadState('networkidle');
  await page.goto(`${base}/`, { waitUntil: 'commit' });
  await timeTo(page, 'input[type=password]');
  await settle();
  const login = bytes;
  await page.getByLabel('E-Mail').fill('manager@example.test');
  await page.getByRole('textbox', { name: 'Passwort' }).fill(PASSWORD);
  const clickedAt = (await page.evaluate(() => performance.now())) as number;
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await timeTo(page, '[data-testid=inbox-table] tbody tr');
  const toInbox = (await page.evaluate(() => performance.now())) - clickedAt;
  await settle();
  const inbox = bytes;
  const t0 = Date.now();
  await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'commit' });
  await page.getByText('Punkt der Beschwerde 1', { exact: false }).first().waitFor({ timeout: 30_000 });
  const toCase = Date.now() - t0;
  await settle();
  const tour = ['/customers', '/at-risk', '/dashboard', '/approvals', '/settings', '/account'];
  for (const section of ['loyalty', 'lost', 'surprises', 'fairness', 'economics', 'digest'])
    tour.push(`/retention/${section}`);
  for (const path of tour) {
    await page.goto(`${base}${path}`, { waitUntil: 'commit' });
    await settle();
  }
  await context.close();
  return { login, inbox, tour: bytes, toInbox, toCase, screens: tour.length + 2 };
}

async function main() {
  await ensureWebBuild();
  console.log(machineLine(`Chromium headless, localhost, ${new Date().toISOString().slice(0, 16)}Z`));
  printBundle();
  if (!hasChromium) {
    console.log('\n/usr/bin/chromium not found: timings skipped');
    return;
  }
  const t = await startTestApp();
  const caseId = await seedInbox(t);
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  const address = t.server.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  let r: Awaited<ReturnType<typeof measure>>;
  let w: Awaited<ReturnType<typeof wire>>;
  try {
    // one unrecorded round first: Chromium's own start-up and the server's first requests
    await (async () => {
      const c = await browser.newContext();
      await (await c.newPage()).goto(`${base}/`);
      await c.close();
    })();
    r = await measure(browser, base);
    w = await wire(browser, base, caseId);
  } finally {
    await browser.close();
    await t.close();
  }
  const base0 = median(r.baseline);
  console.log(`\nFirst meaningful screen, median of ${RUNS} (ms; ratio = median / baseline median)`);
  console.log('measure'.padEnd(58), 'median'.padStart(7), 'ratio'.padStart(7), '  runs');
  const row = (name: string, xs: number[], ratio = true) =>
    console.log(
      name.padEnd(58),
      median(xs).toFixed(0).padStart(7),
      (ratio ? `${(median(xs) / base0).toFixed(1)}×` : '').padStart(7),
      ' ',
      xs.map((x) => x.toFixed(0)).join(' '),
    );
  row('baseline: static index.html, JS off, to load event', r.baseline, false);
  row('cold login page: navigation → form visible (empty cache)', r.cold);
  row('warm login page: navigation → form visible (cached)', r.warm);
  row('login click → first inbox row', r.loginToInbox);
  row('/inbox with a session (cached): navigation → first row', r.inboxWarm);
  const ph = (k: keyof Phases) => median(r.coldPhases.map((p) => p[k]));
  console.log(
    `\nCold login phases (median ms from navigation start): HTML received ${ph('html').toFixed(0)}, ` +
      `JS+CSS requested before DOMContentLoaded received (incl. the inbox chunk prefetched for "/") ${ph('scripts').toFixed(0)}, DOMContentLoaded ${ph('dcl').toFixed(0)}, ` +
      `/auth/me answered ${ph('session').toFixed(0)}, form visible ${median(r.cold).toFixed(0)}`,
  );
  console.log('target: first meaningful screen < 1000 ms on localhost');
  console.log(
    '\nBytes on the wire (Chromium encodedDataLength, empty cache, server-side brotli), cumulative:',
  );
  console.log(`  login page                               ${kb(w.login).padStart(7)} KB (target ≤ 150 KB)`);
  console.log(`  + login and inbox                        ${kb(w.inbox).padStart(7)} KB (target ≤ 250 KB)`);
  console.log(
    `  + a manager's tour of ${w.screens} screens          ${kb(w.tour).padStart(7)} KB (target ≤ 600 KB)`,
  );
  console.log(
    `  login click → first inbox row ${w.toInbox.toFixed(0)} ms; case link → case open ${w.toCase.toFixed(0)} ms`,
  );
}

await main();
