// The server's texts: every locale file under src/ offers the same keys in de and en with the same
// {{placeholders}}, and the one instance words keys, stored texts and audit labels per language.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLabel } from './audit-labels.js';
import { formatMoney, type LocaleTree, registeredNamespaces, registerNamespace, t } from './i18n.js';
import { customerIdsOf, renderText, storedText } from './stored-text.js';

const SRC = join(import.meta.dirname, '..', '..');

/** Every pair of locale files under src/: <dir>/locales/[prefix.]de.json with its en twin. */
function localePairs(dir = SRC): Array<{ name: string; de: LocaleTree; en: LocaleTree }> {
  const out: Array<{ name: string; de: LocaleTree; en: LocaleTree }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...localePairs(path));
    else if (dir.endsWith('locales') && /(^|\.)de\.json$/.test(entry.name)) {
      const enPath = join(dir, entry.name.replace(/de\.json$/, 'en.json'));
      out.push({
        name: relative(SRC, path),
        de: JSON.parse(readFileSync(path, 'utf8')),
        en: JSON.parse(readFileSync(enPath, 'utf8')),
      });
    }
  }
  return out;
}

function flat(tree: LocaleTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flat(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** A plural form (day_one, day_other) counts as its base key: languages differ in their forms. */
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
/** The names of {{name}} and formatted {{name, number(…)}} placeholders. */
const placeholders = (s: string) =>
  [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort();

function parity(name: string, de: LocaleTree, en: LocaleTree) {
  const d = flat(de);
  const e = flat(en);
  const dKeys = new Set([...d.keys()].map(base));
  const eKeys = new Set([...e.keys()].map(base));
  expect(
    [...dKeys].filter((k) => !eKeys.has(k)),
    `${name}: keys only in de`,
  ).toEqual([]);
  expect(
    [...eKeys].filter((k) => !dKeys.has(k)),
    `${name}: keys only in en`,
  ).toEqual([]);
  for (const [k, v] of [...d, ...e]) expect(v.trim(), `${name}: ${k} is empty`).not.toBe('');
  const byBase = (m: Map<string, string>) => {
    const out = new Map<string, string[]>();
    for (const [k, v] of m)
      out.set(base(k), [...new Set([...(out.get(base(k)) ?? []), ...placeholders(v)])].sort());
    return out;
  };
  const dp = byBase(d);
  const ep = byBase(e);
  // A plural form may leave out {{count}} ("1 Tag" vs "{{count}} days"); everything else must match.
  const strip = (p: string[] | undefined) => (p ?? []).filter((x) => x !== 'count');
  for (const [k, p] of dp) expect(strip(p), `${name}: placeholders of ${k}`).toEqual(strip(ep.get(k)));
}

describe('locale files', () => {
  const pairs = localePairs();

  it('finds the locale files of the domains', () => {
    expect(pairs.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'platform/i18n/locales/de.json',
        'tasks/locales/de.json',
        'churn/locales/de.json',
      ]),
    );
  });

  it.each(pairs.map((p) => [p.name, p] as const))(
    '%s: de and en have the same keys and placeholders',
    (_n, p) => parity(p.name, p.de, p.en),
  );

  it('every registered namespace has the same keys and placeholders in de and en', async () => {
    // Registering is what a domain's <domain>.i18n.ts does; the platform's own namespace is always there.
    for (const [ns, b] of registeredNamespaces()) parity(ns, b.de, b.en);
    expect([...registeredNamespaces().keys()]).toContain('platform');
  });

  it('the parity check fails when a key or a placeholder is missing', () => {
    expect(() => parity('x', { a: 'A {{n}}', b: 'B' }, { a: 'A {{n}}' })).toThrow();
    expect(() => parity('x', { a: 'A {{n}}' }, { a: 'A {{m}}' })).toThrow();
    expect(() => parity('x', { a: 'A {{n, number}}' }, { a: 'A {{m, number}}' })).toThrow();
  });
});

describe('t and stored texts', () => {
  registerNamespace('i18ntest', {
    de: { title: 'Rückruf für {{customer}}: {{amount}} ({{source}})', source: { web: 'Web' }, x: 'X' },
    en: { title: 'Call-back for {{customer}}: {{amount}} ({{source}})', source: { web: 'web' }, x: 'X' },
  });

  it('words a key in German or English, German for an unknown language', () => {
    expect(t('en', 'i18ntest:source.web')).toBe('web');
    expect(t('de', 'i18ntest:source.web')).toBe('Web');
    expect(t('fr', 'i18ntest:source.web')).toBe('Web');
  });

  it('formats money with the reader language separators through platform/money', () => {
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(1234, 'JPY', 'en')).toBe('JP¥1,234');
  });

  it('renders a stored text per reader, looking the customer up when read', () => {
    const s = storedText('i18ntest:title', {
      customer: { customer: 'cus_1' },
      amount: { money: { amountMinor: 2500, currency: 'EUR' } },
      source: { text: { key: 'i18ntest:source.web' } },
    });
    expect(customerIdsOf([s])).toEqual(['cus_1']);
    expect(JSON.stringify(s)).not.toContain('Anna');
    const names = { customerName: (id: string) => (id === 'cus_1' ? 'Anna Berg' : undefined) };
    expect(renderText('de', s, names)).toBe('Rückruf für Anna Berg: 25,00\u00a0€ (Web)');
    expect(renderText('en', s, names)).toBe('Call-back for Anna Berg: €25.00 (web)');
    expect(renderText('en', s, {})).toBe('Call-back for erased customer: €25.00 (web)');
  });

  it('words money in whole units, a list with its separator and a plural text named by its base key', () => {
    registerNamespace('i18ntest3', {
      de: { week_one: '{{count}} Woche', week_other: '{{count}} Wochen', line: '{{amount}}: {{spans}}' },
      en: { week_one: '{{count}} week', week_other: '{{count}} weeks', line: '{{amount}}: {{spans}}' },
    });
    const s = storedText('i18ntest3:line', {
      amount: { money: { amountMinor: 123456, currency: 'EUR', wholeUnits: true } },
      spans: {
        list: [storedText('i18ntest3:week', { count: 1 }), storedText('i18ntest3:week', { count: 3 })],
        separator: ' / ',
      },
    });
    expect(renderText('de', s)).toBe('1.235\u00a0€: 1 Woche / 3 Wochen');
    expect(renderText('en', s)).toBe('€1,235: 1 week / 3 weeks');
  });

  it('refuses to make a stored text with an unknown key', () => {
    expect(() => storedText('i18ntest:nope')).toThrow(/Unknown text key/);
  });

  it('labels an audit action from the domain namespace, else generically, else by its key', () => {
    registerNamespace('i18ntest2', {
      de: { audit: { thing: { poke: 'Angestupst' } } },
      en: { audit: { thing: { poke: 'Poked' } } },
    });
    expect(auditLabel('en', 'thing', 'poke')).toBe('Poked');
    expect(auditLabel('de', 'thing', 'poke')).toBe('Angestupst');
    expect(auditLabel('en', 'thing', 'update')).toBe('changed');
    expect(auditLabel('en', 'thing', 'frobnicate')).toBe('thing.frobnicate');
  });
});
