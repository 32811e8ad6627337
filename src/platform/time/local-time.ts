// Local days, ISO weeks and months of instants in a time zone, and their bounds as instants (luxon).
// Instants stay UTC everywhere else; this is the one place that turns them into local calendar terms.
import { DateTime, IANAZone } from 'luxon';

/** The zone a company has until an admin sets its own (settings key `company`). */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

export type Instant = Date | string;
export type LocalUnit = 'day' | 'week' | 'month';

/**
 * Whether `zone` names an IANA time zone ("Europe/Berlin", "America/New_York", "UTC").
 * Fixed offsets such as "+02:00" are refused: they do not follow daylight saving.
 */
export function isTimeZone(zone: string): boolean {
  return /^[A-Za-z]/.test(zone) && IANAZone.isValidZone(zone);
}

/** The zone's canonical spelling ("europe/berlin" → "Europe/Berlin"). */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
}

/** The instant as a luxon DateTime in `zone`; throws on an invalid instant or zone. */
export function inZone(at: Instant, zone: string): DateTime<true> {
  const d = typeof at === 'string' ? DateTime.fromISO(at, { setZone: true }) : DateTime.fromJSDate(at);
  const local = d.setZone(zone);
  if (!local.isValid) throw new RangeError(`Not a valid instant in ${zone}: ${String(at)}`);
  return local;
}

/** The local calendar day of an instant: 2026-03-01T23:30:00Z in Europe/Berlin → "2026-03-02". */
export function localDay(at: Instant, zone: string): string {
  return inZone(at, zone).toISODate();
}

/** The local ISO week of an instant, "2026-W10" (weeks start on Monday; the year is the week year). */
export function localIsoWeek(at: Instant, zone: string): string {
  return inZone(at, zone).toFormat("kkkk-'W'WW");
}

/** The local month of an instant, "2026-03". */
export function localMonth(at: Instant, zone: string): string {
  return inZone(at, zone).toFormat('yyyy-MM');
}

/** The instant the local day, ISO week (Monday) or month containing `at` begins. */
export function startOfLocal(unit: LocalUnit, at: Instant, zone: string): Date {
  return inZone(at, zone).startOf(unit, { useLocaleWeeks: false }).toJSDate();
}

/**
 * The instant the local day, week or month containing `at` ends, exclusive: the start of the next
 * one, so [startOfLocal, endOfLocal) is the period as the API's from/to take it. A local day lasts
 * 23 or 25 hours on the days the clocks change.
 */
export function endOfLocal(unit: LocalUnit, at: Instant, zone: string): Date {
  return inZone(at, zone)
    .startOf(unit, { useLocaleWeeks: false })
    .plus({ [unit === 'day' ? 'days' : unit === 'week' ? 'weeks' : 'months']: 1 })
    .toJSDate();
}

/** The instant local midnight of a calendar day ("2026-03-29") begins in `zone`. */
export function startOfLocalDate(day: string, zone: string): Date {
  const d = DateTime.fromISO(day, { zone });
  if (!d.isValid) throw new RangeError(`Not a calendar day: ${day}`);
  return d.startOf('day').toJSDate();
}

/**
 * Moves an instant by whole local days or months, keeping the local wall-clock time (one local day
 * after 12:00 on the Saturday before a DST change is 12:00 on the Sunday, 23 or 25 hours later).
 * A month from 31 January is the last day of February.
 */
export function plusLocal(at: Instant, amount: { days?: number; months?: number }, zone: string): Date {
  return inZone(at, zone).plus(amount).toJSDate();
}

/** The instant the local wall-clock time `hour:minute` on the local day of `day` happens. */
export function atLocalTime(day: DateTime, hour: number, minute: number): DateTime {
  // A time the clocks skip (02:30 when they jump to 03:00) becomes the time after the gap (03:30);
  // a time that happens twice (02:30 when they go back) is its first, summer-time occurrence.
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}
