import { type AngerLang, detectAnger, type DetectAngerOptions } from './detect-anger.js';

export type Label = 'escalate' | 'calm';

export interface LabelledText {
  label: Label;
  text: string;
}

export interface Evaluation {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Misclassified lines, for tuning and for the docs. */
  errors: Array<LabelledText & { level: number }>;
}

/** Parses a `label<TAB>text` file body; skips the header line `label\ttext`, blank lines and `#` comments. */
export function parseLabelledTsv(tsv: string): LabelledText[] {
  return tsv
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#') && line !== 'label\ttext')
    .map((line, i) => {
      const tab = line.indexOf('\t');
      const label = line.slice(0, tab);
      if (tab < 0 || (label !== 'escalate' && label !== 'calm')) {
        throw new Error(`Line ${i + 1}: expected 'escalate|calm<TAB>text', got '${line}'`);
      }
      return { label, text: line.slice(tab + 1) };
    });
}

/** Precision and recall of `escalate` (the positive class) of detectAnger on a labelled set. */
export function evaluate(rows: LabelledText[], lang: AngerLang, options?: DetectAngerOptions): Evaluation {
  const result: Evaluation = {
    precision: 0,
    recall: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
    errors: [],
  };
  for (const row of rows) {
    const { escalate, level } = detectAnger(row.text, lang, options);
    const actual = row.label === 'escalate';
    if (escalate && actual) result.truePositives++;
    else if (escalate) result.falsePositives++;
    else if (actual) result.falseNegatives++;
    else result.trueNegatives++;
    if (escalate !== actual) result.errors.push({ ...row, level });
  }
  result.precision = ratio(result.truePositives, result.truePositives + result.falsePositives);
  result.recall = ratio(result.truePositives, result.truePositives + result.falseNegatives);
  return result;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 1000) / 1000;
}
