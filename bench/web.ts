// Web app benchmark: gzipped JavaScript per chunk, and time to the first meaningful screen on localhost
// (navigation start → login form; login → inbox; reload with a session → inbox), median of 5 runs.
// Run: npx tsx bench/web.ts   (needs /usr/bin/chromium; builds web/dist if missing)
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PASSWORD, startTestApp } from '../test/helpers/test-app.js';
import { ensureWebBuild, hasChromium, launchChromium, repoRoot } from '../test/browser/helpers/browser.js';

const RUNS = 5;
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

async function main() {
  await ensureWebBuild();
  const sizes = bundleSizes();
  const js = sizes.filter((s) => s.file.endsWith('.js'));
  console.log('\nBundle (web/dist/assets)');
  console.log('file'.padEnd(44), 'raw KB'.padStart(9), 'gzip KB'.padStart(9));
  for (const s of sizes)
    console.log(
      s.file.padEnd(44),
      (s.raw / 1024).toFixed(1).padStart(9),
      (s.gzip / 1024).toFixed(1).padStart(9),
    );
  const initial = fs.readFileSync(path.join(repoRoot, 'web/dist/index.html'), 'utf8');
  const initialJs = js.filter((s) => initial.includes(s.file));
  console.log(
    `JS total gzip: ${(js.reduce((a, s) => a + s.gzip, 0) / 1024).toFixed(1)} KB over ${js.length} chunks`,
  );
  console.log(
    `JS loaded by index.html (entry${initialJs.length > 1 ? ' + preloads' : ''}): ${(initialJs.reduce((a, s) => a + s.gzip, 0) / 1024).toFixed(1)} KB gzip`,
  );

  if (!hasChromium) {
    console.log('\n/usr/bin/chromium not found: timings skipped');
    return;
  }
  const t = await startTestApp();
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  const address = t.server.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  const loginForm: number[] = [];
  const loginToInbox: number[] = [];
  const reloadToInbox: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: 'de-DE' });
      const page = await context.newPage();
      await page.goto(base + '/');
      loginForm.push(
        (await (
          await page.waitForFunction(
            () => document.querySelector('input[type=password]') && performance.now(),
            undefined,
            { polling: 'raf' },
          )
        ).jsonValue()) as number,
      );
      await page.getByLabel('E-Mail').fill('admin@example.test');
      await page.getByRole('textbox', { name: 'Passwort' }).fill(PASSWORD);
      const clickedAt = (await page.evaluate(() => performance.now())) as number;
      await page.getByRole('button', { name: 'Anmelden' }).click();
      const inboxAt = (await (
        await page.waitForFunction(
          () => document.querySelector('[data-testid=inbox-table]') && performance.now(),
          undefined,
          { polling: 'raf' },
        )
      ).jsonValue()) as number;
      loginToInbox.push(inboxAt - clickedAt);
      await page.goto(base + '/');
      reloadToInbox.push(
        (await (
          await page.waitForFunction(
            () => document.querySelector('[data-testid=inbox-table]') && performance.now(),
            undefined,
            { polling: 'raf' },
          )
        ).jsonValue()) as number,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await t.close();
  }
  console.log(
    `\nTime to first meaningful screen, localhost, Chromium headless, median of ${RUNS} (first run is cold)`,
  );
  console.log('measure'.padEnd(52), 'median ms'.padStart(10), 'runs ms');
  const row = (name: string, xs: number[]) =>
    console.log(name.padEnd(52), median(xs).toFixed(0).padStart(10), xs.map((x) => x.toFixed(0)).join(' '));
  row('navigation start → login form visible', loginForm);
  row('login click → inbox rendered', loginToInbox);
  row('navigation start (with session) → inbox rendered', reloadToInbox);
}

await main();
