// Prints what a manager sees of the demo company's "springt ab" list after a scoring run with the
// default settings: how many customers are flagged, how many became calls, and the list check on the
// run's holdout (issue 17). `npx tsx test/ops/at-risk-demo.ts [customers]` (default 5,000).
import { runChurnScoring } from '../../src/churn/run/churn-run.js';
import { generateDemoCompany } from '../../src/demo/demo.generate.js';
import { loadDemoCompany } from '../../src/demo/demo.load.js';
import { startTestApp } from '../helpers/test-app.js';

const customers = Number(process.argv[2] ?? 5000);
const t = await startTestApp({ now: '2026-11-02T09:00:00.000Z' });
const company = generateDemoCompany({ seed: 42, customers, now: t.clock.now() });
await loadDemoCompany(t.ctx, company, () => {}, { sqlite: t.handle.sqlite, seed: 42 });
const run = await runChurnScoring(t.ctx, {});
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(0)} %`);
const all: Array<{ list: string }> = [];
for (let cursor: string | undefined, first = true; first || cursor; first = false) {
  const page = await t.request(
    'manager',
    'GET',
    `/api/v1/churn/at-risk?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
  );
  all.push(...page.body.items);
  cursor = page.body.nextCursor ?? undefined;
}
const check = (await t.request('manager', 'GET', '/api/v1/churn/diagnostics')).body.listCheck;
console.log(`demo company: ${run.customers} customers scored (model ${run.model})`);
console.log(
  `flagged: ${all.length} (${pct(all.length / run.customers)}); call list: ${all.filter((i) => i.list === 'call').length}; watch list: ${all.filter((i) => i.list === 'watch').length}`,
);
if (check.available) {
  console.log(
    `list check on the holdout ${check.calibrationEnd} … ${check.holdoutEnd}: threshold P(alive) < ${check.pAliveBelow} (${check.thresholdChosenOn})`,
  );
  for (const [label, s] of [
    ['all repeat customers', check.repeatCustomers],
    ['flagged repeat customers', check.flagged],
    [`first ${check.capacity} of the list`, check.top],
  ] as const)
    console.log(
      `  ${label}: ${s.customers}, bought nothing: ${pct(s.noPurchaseShare)}, lift ${s.lift?.toFixed(2) ?? '–'}`,
    );
} else console.log('no holdout in this run');
await t.close();
