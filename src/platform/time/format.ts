// Times shown to people: worded in the reader's language (de/en), in the company's zone, never raw ISO.
import { inZone, type Instant } from './local-time.js';

export type ReaderLang = 'de' | 'en';

const LOCALES: Record<ReaderLang, string> = { de: 'de-DE', en: 'en-GB' };

export type TimeStyle = 'date' | 'longDate' | 'dateTime' | 'fullDateTime' | 'weekday' | 'dayMonth';

const OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  longDate: { dateStyle: 'long' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  fullDateTime: { dateStyle: 'full', timeStyle: 'short' },
  weekday: { weekday: 'short' },
  dayMonth: { day: 'numeric', month: 'short' },
};

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(lang: ReaderLang, style: TimeStyle, zone: string): Intl.DateTimeFormat {
  const key = `${lang}|${style}|${zone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { ...OPTIONS[style], timeZone: zone });
    formats.set(key, f);
  }
  return f;
}

/** A reader's language from a locale tag or language ('de-AT' → 'de'); English for anything else. */
export function readerLangOf(locale: string | null | undefined): ReaderLang {
  return locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/**
 * The instant worded for a reader in `zone`: de "2. März 2026, 10:00", en "2 Mar 2026, 10:00" (dateTime).
 * `lang` may be a locale ('de-DE'); anything not German is English.
 */
export function formatInstant(
  at: Instant,
  lang: string,
  zone: string,
  style: TimeStyle = 'dateTime',
): string {
  return formatFor(readerLangOf(lang), style, zone).format(inZone(at, zone).toJSDate());
}
