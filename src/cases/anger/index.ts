export {
  type AngerBand,
  type AngerLang,
  type AngerResult,
  type AngerSignal,
  type AngerSignalKind,
  DEFAULT_ESCALATE_AT,
  type DetectAngerOptions,
  detectAnger,
  levelFromScore,
} from './detect-anger.js';
export { type Evaluation, evaluate, type LabelledText, parseLabelledTsv } from './evaluate.js';
export type { Lexicon, LexiconEntry, LexiconKind } from './lexicon.js';
