// Texts the system writes and stores (task titles, approvals, audit labels …) are a key plus
// parameters, worded in the reader's language when read. A parameter is plain (text, number), or a
// typed value worded for the reader: money (optionally in whole units, for estimates), a date, a
// nested stored text (a source label) or a list of them (joined by ", " or a given separator), a
// text in both languages (a label from settings), or a customer, stored by id only and looked up
// when read, so an erased customer reads as erased.
import { z } from 'zod';
import { formatDate, formatDateTime, formatMoney, hasText, langOf, t } from './i18n.js';

export type TextParam =
  | string
  | number
  | boolean
  | null
  | { money: { amountMinor: number; currency: string; wholeUnits?: boolean } }
  | { customer: string }
  | { date: string }
  | { dateTime: string; timeZone: string }
  | { text: StoredText }
  | { list: StoredText[]; separator?: string }
  | { localized: { de: string; en: string } };

export type StoredText = { key: string; params?: Record<string, TextParam> };

const keySchema = z.string().regex(/^[a-z][\w-]*:[\w.-]+$/, 'must be a text key like "tasks:title.manual"');

const storedTextBase = z.object({ key: keySchema });
export const storedTextSchema: z.ZodType<StoredText> = z.lazy(() =>
  storedTextBase.extend({
    params: z
      .record(
        z.string(),
        z.union([
          z.string(),
          z.number(),
          z.boolean(),
          z.null(),
          z.object({
            money: z.object({
              amountMinor: z.number().int(),
              currency: z.string().length(3),
              wholeUnits: z.boolean().optional(),
            }),
          }),
          z.object({ customer: z.string().min(1) }),
          z.object({ date: z.string() }),
          z.object({ dateTime: z.string(), timeZone: z.string() }),
          z.object({ text: storedTextSchema }),
          z.object({ list: z.array(storedTextSchema), separator: z.string().max(10).optional() }),
          z.object({ localized: z.object({ de: z.string(), en: z.string() }) }),
        ]),
      )
      .optional(),
  }),
);

/** A stored text; throws on an unknown key, so a typo fails where the text is made, not when read. */
export function storedText(key: string, params?: Record<string, TextParam>): StoredText {
  if (!hasText(key)) throw new Error(`Unknown text key ${key}`);
  return params ? { key, params } : { key };
}

/** Resolves what a stored text refers to when it is read. */
export type TextResolvers = {
  /** The customer's current name; undefined when unknown; erased customers answer undefined too. */
  customerName?: (id: string) => string | undefined;
};

/** Every customer id the texts refer to (to look their names up in one go). */
export function customerIdsOf(texts: Array<StoredText | null | undefined>): string[] {
  const ids = new Set<string>();
  const walk = (s: StoredText) => {
    for (const v of Object.values(s.params ?? {})) {
      if (v && typeof v === 'object') {
        if ('customer' in v) ids.add(v.customer);
        else if ('text' in v) walk(v.text);
        else if ('list' in v) v.list.forEach(walk);
      }
    }
  };
  for (const s of texts) if (s) walk(s);
  return [...ids];
}

function param(lang: string, v: TextParam, r: TextResolvers): string | number | boolean | null {
  if (v === null || typeof v !== 'object') return v;
  if ('money' in v)
    return formatMoney(v.money.amountMinor, v.money.currency, lang, { wholeUnits: v.money.wholeUnits });
  if ('customer' in v) return r.customerName?.(v.customer) ?? t(lang, 'platform:erasedCustomer');
  if ('dateTime' in v) return formatDateTime(v.dateTime, lang, v.timeZone);
  if ('date' in v) return formatDate(v.date, lang);
  if ('text' in v) return renderText(lang, v.text, r);
  if ('localized' in v) return v.localized[langOf(lang)];
  return v.list.map((s) => renderText(lang, s, r)).join(v.separator ?? ', ');
}

/** The stored text worded in `lang`. */
export function renderText(lang: string, text: StoredText, resolvers: TextResolvers = {}): string {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(text.params ?? {})) params[k] = param(lang, v, resolvers);
  return t(lang, text.key, params);
}

/** Reads a stored text column (JSON); null for null or for a value that is not one. */
export function parseStoredText(json: string | null | undefined): StoredText | null {
  if (!json) return null;
  try {
    const parsed = storedTextSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
