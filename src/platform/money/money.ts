// Money for server and web: integer minor units plus an ISO 4217 currency. The number of minor
// digits comes from Intl (EUR 2, JPY 0, KWD 3); parsing understands the locale's thousands and
// decimal separators, so a German agent's "1.234,56" is 123456 cents and never 1,23 €.
// No I/O and no Node APIs: the web bundles this file as it is.

export type Money = { amountMinor: number; currency: string };

const digitsCache = new Map<string, number>();

/** Minor digits of a currency per ISO 4217 as Intl knows them (EUR 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits as number;
    } catch {
      digits = 2;
    }
    digitsCache.set(code, digits);
  }
  return digits;
}

/** Whether Intl knows the code as a currency (three letters, formats without a RangeError). */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return Intl.supportedValuesOf ? Intl.supportedValuesOf('currency').includes(code) : true;
  } catch {
    return false;
  }
}

/** The locale's decimal and group separators, e.g. de → { decimal: ',', group: '.' }. */
export function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? (decimal === ',' ? '.' : ',');
  return { decimal, group };
}

export type ParseMoneyResult =
  | { ok: true; amountMinor: number }
  | { ok: false; reason: 'empty' | 'invalid' | 'too_many_decimals' | 'too_large' };

/**
 * Parses what a person typed into minor units of `currency`, reading separators as `locale` writes
 * them: de `1.234,56` → 123456, de `1.234` → 123400, en `1,234.56` → 123456, JPY de `1.234` → 1234.
 * Spaces (also narrow no-break spaces), a leading minus and a currency symbol or code are allowed;
 * letters, two decimal separators or more decimals than the currency has are refused.
 */
export function parseMoney(text: string, locale: string, currency: string): ParseMoneyResult {
  const digits = minorDigits(currency);
  const { decimal, group } = separators(locale);
  let s = text.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  // Currency code or symbol around the number, as a person might paste it.
  s = s.replace(new RegExp(`^${currency}\\s*|\\s*${currency}$`, 'i'), '');
  s = s.replace(/^[€$£¥]\s*|\s*[€$£¥]$/u, '');
  s = s.replace(/[\s\u00a0\u202f]/gu, '');
  if (group === "'" || group === '\u2019') s = s.replace(/['\u2019]/g, '');
  let negative = false;
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = true;
    s = s.slice(1);
  }
  if (!/^[0-9.,]+$/.test(s)) return { ok: false, reason: 'invalid' };
  const decimalCount = s.split(decimal).length - 1;
  if (decimalCount > 1) return { ok: false, reason: 'invalid' };
  let [intPart = '', fracPart = ''] = decimalCount === 1 ? s.split(decimal) : [s, ''];
  // Group separators only in the integer part, and only between groups of three digits.
  if (intPart.includes(group)) {
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(intPart)) return { ok: false, reason: 'invalid' };
    intPart = intPart.split(group).join('');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) return { ok: false, reason: 'invalid' };
  if (intPart === '' && fracPart === '') return { ok: false, reason: 'invalid' };
  if (fracPart.length > digits) return { ok: false, reason: 'too_many_decimals' };
  const minor = Number(intPart || '0') * 10 ** digits + Number(fracPart.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'too_large' };
  return { ok: true, amountMinor: negative ? -minor : minor };
}

/** Minor units → the major-unit number (123456 EUR → 1234.56, 1234 JPY → 1234). */
export function toMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** minorDigits(currency);
}

/** A major-unit number (from a chart axis or a number input) → minor units, rounded. */
export function toMinor(amountMajor: number, currency: string): number {
  return Math.round(amountMajor * 10 ** minorDigits(currency));
}

/**
 * Formats minor units for a reader: de `1.234,56 €`, en `€1,234.56`, JPY `¥1,234`. With `wholeUnits`
 * the amount is rounded to whole major units (de `1.235 €`), for estimates where cents would be
 * false precision (a customer's value at risk).
 */
export function formatMoney(
  amountMinor: number,
  currency: string,
  locale: string,
  options: { wholeUnits?: boolean } = {},
): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    ...(options.wholeUnits ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  }).format(toMajor(amountMinor, currency));
}
