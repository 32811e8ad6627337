// Prints precision/recall of `escalate` on the labelled fixtures: npx tsx src/cases/anger/evaluate.main.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AngerLang } from './detect-anger.js';
import { evaluate, parseLabelledTsv } from './evaluate.js';

const verbose = process.argv.includes('--errors');
for (const lang of ['de', 'en'] as AngerLang[]) {
  const file = fileURLToPath(new URL(`../../../test/fixtures/anger/labelled.${lang}.tsv`, import.meta.url));
  const rows = parseLabelledTsv(readFileSync(file, 'utf8'));
  const r = evaluate(rows, lang);
  console.log(
    `${lang}: n=${rows.length} precision=${r.precision} recall=${r.recall} ` +
      `(tp=${r.truePositives} fp=${r.falsePositives} fn=${r.falseNegatives} tn=${r.trueNegatives})`,
  );
  if (verbose) for (const e of r.errors) console.log(`  ${e.label}\t${e.level}\t${e.text}`);
}
