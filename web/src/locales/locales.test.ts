// Both UI languages must offer exactly the same keys, and no value may be empty.
import { describe, expect, it } from 'vitest';
import { bundles, type Tree } from './bundles';

const { de, en } = bundles;

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`),
  );
}

function values(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : values(v)));
}

describe('locale files', () => {
  it('de and en have the same keys', () => {
    const deKeys = keys(de as Tree).sort();
    const enKeys = keys(en as Tree).sort();
    expect(
      deKeys.filter((k) => !enKeys.includes(k)),
      'keys only in de.json',
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !deKeys.includes(k)),
      'keys only in en.json',
    ).toEqual([]);
  });

  it('no translation is empty', () => {
    for (const tree of [de, en] as Tree[]) expect(values(tree).filter((v) => v.trim() === '')).toEqual([]);
  });

  it('placeholders match between the languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const enFlat = Object.fromEntries(
      keys(en as Tree).map((k) => [k, k.split('.').reduce<any>((o, p) => o[p], en)]),
    );
    for (const k of keys(de as Tree)) {
      const deValue = k.split('.').reduce<any>((o, p) => o[p], de) as string;
      expect(placeholders(deValue), k).toEqual(placeholders(enFlat[k]));
    }
  });
});
