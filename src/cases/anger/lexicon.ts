/**
 * Lexicon format shared by the German and English word lists.
 *
 * A pattern is a space-separated sequence of token patterns, matched against normalised tokens
 * (lower case, ä→ae, ö→oe, ü→ue, ß→ss, ’→'):
 * - `word`   exact token
 * - `word*`  prefix: inflections and compounds that start with the word (`frech*` → Frechheit)
 * - `*word`  suffix: compounds that end with the word (`*katastrophe` → Servicekatastrophe)
 * - `*word*` anywhere inside the token
 * - `#`      a number, optionally with an ordinal ending (`3`, `3.`, `3rd`)
 * - `~`      zero to two arbitrary words in between (`cancel ~ account` → "cancel my whole account")
 */
export type LexiconKind =
  /** Dissatisfaction that is not anger by itself ("enttäuscht", "disappointed"). */
  | 'complaint'
  /** The customer names their own anger ("wütend", "furious"). */
  | 'anger'
  /** Judgements of the company or staff ("unverschämt", "scam"). */
  | 'insult'
  /** Lawyer, press, review sites, consumer bodies, chargeback. */
  | 'threat'
  /** The customer says they are leaving or ending the relationship. */
  | 'leaving'
  /** Repeated contact or long waiting ("zum dritten Mal", "still waiting"). Never negated. */
  | 'repeat'
  /** Sarcastic set phrases ("Danke für nichts"). Never negated. */
  | 'sarcasm'
  /** Satisfaction words; they only score when negated ("nicht zufrieden"). */
  | 'positive';

export interface LexiconEntry {
  pattern: string;
  kind: LexiconKind;
  /** Contribution to the raw score; for `positive` entries the contribution when negated. */
  weight: number;
}

export interface Lexicon {
  entries: LexiconEntry[];
  /** Words that negate a following signal within the same clause ("nicht", "not", "kein"). */
  negators: string[];
  /** Words after a negator that turn it into emphasis ("never been SO angry", "noch nie SO geärgert"). */
  negationBlockers: string[];
  /** Words right after a negator that mean "not only …" rather than negation. */
  notOnly: string[];
  /** Words that negate a preceding `leaving` signal ("ich kündige nicht"). */
  postNegators: string[];
  /** Conjunctions that end a negation's or modifier's scope ("aber", "but"). */
  clauseBreakers: string[];
  /** Multiplier applied to the next signal's weight (> 1 intensifies, < 1 diminishes). */
  modifiers: Record<string, number>;
  /** All-caps tokens that are abbreviations, not shouting. */
  acronyms: string[];
}

/** Normalises text for matching: lower case, German umlauts and ß spelled out, typographic apostrophes. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`]/g, "'");
}
