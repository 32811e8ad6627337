// Locale-aware formatting of money (minor units), dates, durations and percentages.
import { formatMoney as formatMinorUnits } from '../../../src/platform/money/money';
import i18n from './i18n';

/** The reader's locale for Intl: the UI language (en → en-GB, else de-DE). */
export const readerLocale = () => (i18n.language === 'en' ? 'en-GB' : 'de-DE');
const loc = readerLocale;

/** Minor units of `currency` for the reader (platform/money: JPY has no decimals, KWD three). */
export function formatMoney(minor: number | null | undefined, currency = 'EUR'): string {
  if (minor === null || minor === undefined) return '–';
  return formatMinorUnits(minor, currency, loc());
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(loc(), { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(loc(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return new Intl.NumberFormat(loc(), { maximumFractionDigits: digits }).format(n);
}

export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return new Intl.NumberFormat(loc(), { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** "in 3 h" / "vor 2 Tagen" relative to now. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '–';
  const diffMin = Math.round((new Date(iso).getTime() - now) / 60_000);
  const rtf = new Intl.RelativeTimeFormat(loc(), { numeric: 'auto' });
  const abs = Math.abs(diffMin);
  if (abs < 60) return rtf.format(diffMin, 'minute');
  if (abs < 48 * 60) return rtf.format(Math.round(diffMin / 60), 'hour');
  return rtf.format(Math.round(diffMin / 1440), 'day');
}
