import { type Lexicon, type LexiconEntry, type LexiconKind, normalise } from './lexicon.js';
import { lexiconDe } from './lexicon.de.js';
import { lexiconEn } from './lexicon.en.js';

export type AngerLang = 'de' | 'en';

export type AngerSignalKind =
  | Exclude<LexiconKind, 'positive'>
  /** A satisfaction word under negation ("nicht zufrieden", "not acceptable"). */
  | 'negated_positive'
  /** A negative word cancelled by negation ("nicht schlecht", "no problem"); weight 0, kept for explanation. */
  | 'negation'
  /** Extra weight from "sehr", "extremely" …; the signal it modifies comes right before it in the list. */
  | 'intensifier'
  /** Weight removed by "etwas", "a bit" … (negative weight). */
  | 'diminisher'
  /** A run of two or more `!`/`?` characters. */
  | 'exclamation'
  /** A shouted ALL-CAPS word (known abbreviations excluded). */
  | 'caps';

export interface AngerSignal {
  kind: AngerSignalKind;
  /** The words or characters from the input that fired (original spelling). */
  text: string;
  /** Contribution to `score`; the signal weights always add up to `score`. */
  weight: number;
}

export type AngerBand = 'calm' | 'annoyed' | 'angry' | 'furious';

export interface AngerResult {
  /** 0..1, `1 - exp(-score / 3)`: 0 = no signal, 0.5 ≈ one strong signal, approaches 1 as signals pile up. */
  level: number;
  /** Coarse reading of `level`: < 0.25 calm, < 0.5 annoyed, < 0.75 angry, otherwise furious. */
  band: AngerBand;
  /** Sum of the signal weights (unbounded). */
  score: number;
  /** `level >= escalateAt` or `leaving`. */
  escalate: boolean;
  /** The customer says they are leaving (cancel, switch provider, "never again"), not negated. */
  leaving: boolean;
  signals: AngerSignal[];
}

export interface DetectAngerOptions {
  /** Level from which `escalate` is true, 0..1. Default {@link DEFAULT_ESCALATE_AT}. */
  escalateAt?: number;
}

export const DEFAULT_ESCALATE_AT = 0.5;

const LEXICONS: Record<AngerLang, Lexicon> = { de: lexiconDe, en: lexiconEn };
// Score at which level reaches 1 - 1/e ≈ 0.63; one strong word (≈2.2) lands just above 0.5.
const LEVEL_SCALE = 3;
const EXCLAMATION_WEIGHT = 0.6;
const CAPS_WEIGHT = 0.5;
// Punctuation and caps saturate: a wall of "!!!!" or an all-caps mail is one emotion, not twenty.
const MAX_SCORED_EXCLAMATIONS = 3;
const MAX_SCORED_CAPS = 4;
const NEGATION_WINDOW = 3;
const MODIFIER_WINDOW = 2;

/**
 * Rates the anger in a complaint text and explains the rating. Deterministic and rule-based: every point
 * of `score` comes from a listed signal. `escalate` is also true whenever the customer says they are leaving.
 */
export function detectAnger(text: string, lang: AngerLang, options: DetectAngerOptions = {}): AngerResult {
  const lexicon = LEXICONS[lang];
  if (!lexicon) throw new RangeError(`Unsupported language '${lang}', expected 'de' or 'en'`);
  const escalateAt = options.escalateAt ?? DEFAULT_ESCALATE_AT;
  if (!(escalateAt >= 0 && escalateAt <= 1))
    throw new RangeError(`escalateAt must be within 0..1, got ${escalateAt}`);

  const tokens = tokenize(text);
  const lexical = lexicalSignals(tokens, lexicon);
  const signals = [...lexical.signals, ...exclamationSignals(text), ...capsSignals(tokens, lexicon)];
  const score = round(signals.reduce((sum, s) => sum + s.weight, 0));
  const level = levelFromScore(score);
  return {
    level,
    band: bandOf(level),
    score,
    escalate: level >= escalateAt || lexical.leaving,
    leaving: lexical.leaving,
    signals,
  };
}

/** Maps an unbounded score to the 0..1 level (monotonic, 0 → 0). */
export function levelFromScore(score: number): number {
  return round(1 - Math.exp(-Math.max(0, score) / LEVEL_SCALE));
}

function bandOf(level: number): AngerBand {
  if (level < 0.25) return 'calm';
  if (level < 0.5) return 'annoyed';
  if (level < 0.75) return 'angry';
  return 'furious';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

interface Token {
  raw: string;
  norm: string;
  /** False for punctuation, which bounds negation and modifier scope. */
  word: boolean;
}

// Ordinals like "3." stay one token so "zum 3. Mal" is not split into two clauses.
const TOKEN_RE = /\p{N}+(?:\.(?=\s*\p{L}))?|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.,;:!?…–—]+/gu;

function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN_RE), ([raw]) => ({
    raw,
    norm: normalise(raw),
    word: /[\p{L}\p{N}]/u.test(raw),
  }));
}

type TokenTest = ((norm: string) => boolean) | 'gap';

const compiled = new WeakMap<LexiconEntry, TokenTest[]>();

/** Compiles a lexicon pattern (syntax in lexicon.ts) into one test per token; cached per entry. */
function compile(entry: LexiconEntry): TokenTest[] {
  let tests = compiled.get(entry);
  if (!tests) {
    tests = normalise(entry.pattern)
      .split(/\s+/)
      .map((p): TokenTest => {
        if (p === '~') return 'gap';
        if (p === '#') return (n) => /^\d+(?:\.|st|nd|rd|th)?$/.test(n);
        const body = p.replace(/^\*|\*$/g, '');
        if (p.startsWith('*') && p.endsWith('*')) return (n) => n.includes(body);
        if (p.startsWith('*')) return (n) => n.endsWith(body);
        if (p.endsWith('*')) return (n) => n.startsWith(body);
        return (n) => n === p;
      });
    compiled.set(entry, tests);
  }
  return tests;
}

/** End index (exclusive) of a match of `tests` starting at token `at`, or -1. */
function matchAt(tokens: Token[], tests: TokenTest[], at: number): number {
  if (tests.length === 0) return at;
  const [test, ...rest] = tests;
  if (test === 'gap') {
    for (let skip = 0; skip <= 2; skip++) {
      if (skip > 0 && !tokens[at + skip - 1]?.word) break;
      const end = matchAt(tokens, rest, at + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  const token = tokens[at];
  if (!token?.word || !test(token.norm)) return -1;
  return matchAt(tokens, rest, at + 1);
}

interface Match {
  entry: LexiconEntry;
  from: number;
  to: number;
}

/**
 * All lexicon matches without overlaps: longer spans first ("nie wieder" beats "wieder"), then the more
 * specific pattern ("ärgerlich*" beats "ärger*"), then the heavier entry.
 */
function findMatches(tokens: Token[], lexicon: Lexicon): Match[] {
  const candidates: Match[] = [];
  for (const entry of lexicon.entries) {
    const tests = compile(entry);
    for (let from = 0; from < tokens.length; from++) {
      const to = matchAt(tokens, tests, from);
      if (to > from) candidates.push({ entry, from, to });
    }
  }
  candidates.sort(
    (a, b) =>
      b.to - b.from - (a.to - a.from) ||
      b.entry.pattern.length - a.entry.pattern.length ||
      b.entry.weight - a.entry.weight ||
      a.from - b.from,
  );
  const taken = new Set<number>();
  const accepted: Match[] = [];
  for (const m of candidates) {
    const span = range(m.from, m.to);
    if (span.some((i) => taken.has(i))) continue;
    for (const i of span) taken.add(i);
    accepted.push(m);
  }
  return accepted.sort((a, b) => a.from - b.from);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Turns lexicon matches into signals, applying negation and intensity modifiers. */
function lexicalSignals(tokens: Token[], lexicon: Lexicon): { signals: AngerSignal[]; leaving: boolean } {
  const matches = findMatches(tokens, lexicon);
  const taken = new Set(matches.flatMap((m) => range(m.from, m.to)));
  const signals: AngerSignal[] = [];
  let leaving = false;
  for (const m of matches) {
    const text = spanText(tokens, m.from, m.to);
    const { kind, weight } = m.entry;
    const negatable = kind !== 'repeat' && kind !== 'sarcasm';
    const negator = negatable ? findNegator(tokens, m, lexicon, taken) : undefined;
    if (negator !== undefined) {
      const negated = spanText(tokens, Math.min(negator, m.from), Math.max(negator + 1, m.to));
      // A negated satisfaction word is dissatisfaction; a negated negative word is cancelled but still shown.
      signals.push(
        kind === 'positive'
          ? { kind: 'negated_positive', text: negated, weight }
          : { kind: 'negation', text: negated, weight: 0 },
      );
      continue;
    }
    if (kind === 'positive') continue;
    if (kind === 'leaving') leaving = true;
    signals.push({ kind, text, weight });
    const modifier = findModifier(tokens, m.from, lexicon, taken);
    if (modifier) {
      const extra = round(weight * (modifier.factor - 1));
      signals.push({ kind: extra > 0 ? 'intensifier' : 'diminisher', text: modifier.text, weight: extra });
    }
  }
  return { signals, leaving };
}

function spanText(tokens: Token[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((t) => t.raw)
    .join(' ');
}

function isNegator(norm: string, lexicon: Lexicon): boolean {
  return lexicon.negators.includes(norm) || norm.endsWith("n't");
}

/**
 * Index of a negator that applies to the match: up to three words before it in the same clause
 * (no punctuation, no "aber/but", no other signal in between), or — for leaving only — right after it
 * ("ich kündige nicht"). "nicht nur" and "nie so …" are emphasis, not negation.
 */
function findNegator(tokens: Token[], m: Match, lexicon: Lexicon, taken: Set<number>): number | undefined {
  const after = tokens[m.to];
  if (m.entry.kind === 'leaving' && after && lexicon.postNegators.includes(after.norm)) return m.to;
  for (let i = m.from - 1, words = 0; i >= 0 && words < NEGATION_WINDOW; i--, words++) {
    const t = tokens[i];
    if (!t.word || taken.has(i) || lexicon.clauseBreakers.includes(t.norm)) return undefined;
    if (!isNegator(t.norm, lexicon)) continue;
    if (lexicon.notOnly.includes(tokens[i + 1]?.norm ?? '')) return undefined;
    const between = tokens.slice(i + 1, m.from);
    return between.some((b) => lexicon.negationBlockers.includes(b.norm)) ? undefined : i;
  }
  return undefined;
}

/** The nearest intensifier or diminisher up to two words before the match, within the same clause. */
function findModifier(
  tokens: Token[],
  from: number,
  lexicon: Lexicon,
  taken: Set<number>,
): { text: string; factor: number } | undefined {
  for (let i = from - 1, words = 0; i >= 0 && words < MODIFIER_WINDOW; i--, words++) {
    const t = tokens[i];
    if (!t.word || taken.has(i) || lexicon.clauseBreakers.includes(t.norm)) return undefined;
    // German adjectives inflect ("eine absolute Frechheit"), so also try the stem without its ending.
    const factor = lexicon.modifiers[t.norm] ?? lexicon.modifiers[t.norm.replace(/(?:e|en|er|es|em)$/, '')];
    if (factor !== undefined) return { text: t.raw, factor };
  }
  return undefined;
}

/** Runs like "!!", "?!" or "??"; a run without "!" is exasperation rather than shouting and counts half. */
function exclamationSignals(text: string): AngerSignal[] {
  return Array.from(text.matchAll(/[!?]{2,}/g), ([run], i) => {
    const full = run.includes('!') ? EXCLAMATION_WEIGHT : EXCLAMATION_WEIGHT / 2;
    return { kind: 'exclamation' as const, text: run, weight: i < MAX_SCORED_EXCLAMATIONS ? full : 0 };
  });
}

function capsSignals(tokens: Token[], lexicon: Lexicon): AngerSignal[] {
  return tokens
    .filter((t) => isShouted(t.raw) && !lexicon.acronyms.includes(t.raw))
    .map((t, i) => ({ kind: 'caps' as const, text: t.raw, weight: i < MAX_SCORED_CAPS ? CAPS_WEIGHT : 0 }));
}

/** Three or more letters, all upper case, no digits (so order numbers like "AB12CD" are not shouting). */
function isShouted(raw: string): boolean {
  return /^\p{Lu}{3,}$/u.test(raw.replace(/['’]/g, ''));
}
