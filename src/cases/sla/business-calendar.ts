import Holidays from 'date-holidays';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A local opening interval, `'HH:MM'` to `'HH:MM'` (end exclusive, `'24:00'` allowed). */
export interface WorkingInterval {
  start: string;
  end: string;
}

export interface BusinessCalendarOptions {
  /** IANA time zone in which working hours and closed dates are read. Default `'Europe/Berlin'`. */
  timeZone?: string;
  /** Working weekdays. Default Monday–Friday. */
  workingDays?: IsoWeekday[];
  /** Opening intervals, the same on every working day. Default `[{ start: '08:00', end: '17:00' }]`. */
  workingHours?: WorkingInterval[];
  /**
   * Public holidays from date-holidays (only `type === 'public'` counts). Default `{ country: 'DE' }`,
   * i.e. nationwide German holidays; pass a state (`{ country: 'DE', state: 'BY' }`) for regional ones,
   * or `false` for none.
   */
  holidays?: { country: string; state?: string } | false;
  /** Extra closed local dates, `'YYYY-MM-DD'` (company holidays, Christmas Eve, …). */
  closedDates?: string[];
}

/** A validated, immutable business calendar. Build it with {@link createBusinessCalendar}. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly workingDays: ReadonlySet<IsoWeekday>;
  /** Opening intervals as minutes after local midnight, sorted and non-overlapping. */
  readonly intervals: ReadonlyArray<{ readonly startMinute: number; readonly endMinute: number }>;
  /** True when the local date (`'YYYY-MM-DD'`) is a public holiday or an extra closed date. */
  readonly isClosedDate: (localDate: string) => boolean;
}

interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
// Upper bound for day-by-day scans; a calendar that is closed for ten years in a row is misconfigured.
const MAX_SCAN_DAYS = 3660;

/** Builds a calendar, validating every option; throws `RangeError` on an unknown zone, state or bad hours. */
export function createBusinessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  assertTimeZone(timeZone);
  const workingDays = new Set<IsoWeekday>(options.workingDays ?? [1, 2, 3, 4, 5]);
  for (const d of workingDays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`Invalid ISO weekday: ${d}`);
  }
  const intervals = parseIntervals(options.workingHours ?? [{ start: '08:00', end: '17:00' }]);
  const closed = new Set(options.closedDates ?? []);
  for (const date of closed) parseDateKey(date);
  const isHoliday = holidayLookup(options.holidays === undefined ? { country: 'DE' } : options.holidays);
  return {
    timeZone,
    workingDays,
    intervals,
    isClosedDate: (localDate) => closed.has(localDate) || isHoliday(localDate),
  };
}

/** True when `t` lies inside an opening interval of a working, non-closed day (interval end exclusive). */
export function isBusinessTime(calendar: BusinessCalendar, t: Date): boolean {
  const ms = t.getTime();
  return openIntervalsOn(calendar, localDateOf(calendar.timeZone, ms)).some(([s, e]) => ms >= s && ms < e);
}

/**
 * The instant at which `minutes` business minutes have elapsed after `start`. A budget that runs out exactly
 * at closing time is due at closing time, not at the next opening; `0` minutes returns `start` unchanged.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  }
  return new Date(addBusinessMs(calendar, start.getTime(), Math.round(minutes * MS_PER_MINUTE)));
}

/** Business minutes (fractional) inside the opening hours between `a` and `b`; negative when `b < a`. */
export function businessMinutesBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  return businessMsBetween(calendar, a.getTime(), b.getTime()) / MS_PER_MINUTE;
}

/** Millisecond variant of {@link addBusinessMinutes}; used by the SLA clock to avoid float drift. */
export function addBusinessMs(calendar: BusinessCalendar, startMs: number, budgetMs: number): number {
  let remaining = budgetMs;
  if (remaining <= 0) return startMs;
  let day = localDateOf(calendar.timeZone, startMs);
  for (let i = 0; i < MAX_SCAN_DAYS; i++, day = nextDay(day)) {
    for (const [s, e] of openIntervalsOn(calendar, day)) {
      const from = Math.max(s, startMs);
      if (from >= e) continue;
      if (e - from >= remaining) return from + remaining;
      remaining -= e - from;
    }
  }
  throw new RangeError(`No business time found within ${MAX_SCAN_DAYS} days; check the calendar`);
}

/** Millisecond variant of {@link businessMinutesBetween}. */
export function businessMsBetween(calendar: BusinessCalendar, aMs: number, bMs: number): number {
  if (bMs < aMs) return -businessMsBetween(calendar, bMs, aMs);
  let total = 0;
  const lastDay = localDateOf(calendar.timeZone, bMs);
  for (let day = localDateOf(calendar.timeZone, aMs); compareDates(day, lastDay) <= 0; day = nextDay(day)) {
    for (const [s, e] of openIntervalsOn(calendar, day)) {
      total += Math.max(0, Math.min(e, bMs) - Math.max(s, aMs));
    }
  }
  return total;
}

/** Formats a civil date as `'YYYY-MM-DD'`. */
function dateKey(d: CivilDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function parseDateKey(key: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`Invalid date '${key}', expected YYYY-MM-DD`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Opening intervals of one local day as UTC millisecond pairs; empty on weekends, holidays and closed dates. */
function openIntervalsOn(calendar: BusinessCalendar, day: CivilDate): Array<[number, number]> {
  if (!calendar.workingDays.has(isoWeekday(day)) || calendar.isClosedDate(dateKey(day))) return [];
  return calendar.intervals.map(({ startMinute, endMinute }) => [
    zonedToUtc(calendar.timeZone, day, startMinute),
    zonedToUtc(calendar.timeZone, day, endMinute),
  ]);
}

function isoWeekday(d: CivilDate): IsoWeekday {
  const js = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return (js === 0 ? 7 : js) as IsoWeekday;
}

function nextDay(d: CivilDate): CivilDate {
  // Civil-date arithmetic in UTC never meets a DST change, so +1 day is always exact here.
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + MS_PER_DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function compareDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`Unknown IANA time zone: '${timeZone}'`);
  }
}

/** Local wall-clock fields of an instant in a zone. */
function rawLocalFields(
  timeZone: string,
  ms: number,
): CivilDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

// Asking Intl for an offset is the hot spot of every SLA computation. Every time zone changes its
// offset only at a quarter-hour boundary, so the offset is constant within each quarter hour.
const QUARTER_HOUR = 15 * MS_PER_MINUTE;
const offsetCache = new Map<string, number>();

function zoneOffsetMs(timeZone: string, ms: number): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const f = rawLocalFields(timeZone, ms);
    const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    offset = asUtc - (ms - (((ms % 1000) + 1000) % 1000));
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function localFields(
  timeZone: string,
  ms: number,
): CivilDate & { hour: number; minute: number; second: number } {
  const d = new Date(ms + zoneOffsetMs(timeZone, ms));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

function localDateOf(timeZone: string, ms: number): CivilDate {
  const { year, month, day } = localFields(timeZone, ms);
  return { year, month, day };
}

/**
 * UTC instant of a local wall-clock time, like Temporal's 'compatible' disambiguation: a time that exists
 * once is exact, an ambiguous fall-back time takes its earlier occurrence, and a time inside the
 * spring-forward gap is shifted forward by the gap. Offsets a day before and after bracket any transition.
 */
function zonedToUtc(timeZone: string, day: CivilDate, minuteOfDay: number): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day) + minuteOfDay * MS_PER_MINUTE;
  const offsetBefore = zoneOffsetMs(timeZone, wall - MS_PER_DAY);
  const offsetAfter = zoneOffsetMs(timeZone, wall + MS_PER_DAY);
  const valid = [wall - offsetBefore, wall - offsetAfter].filter(
    (utc) => utc + zoneOffsetMs(timeZone, utc) === wall,
  );
  return valid.length > 0 ? Math.min(...valid) : wall - offsetBefore;
}

function parseIntervals(hours: WorkingInterval[]): Array<{ startMinute: number; endMinute: number }> {
  const parsed = hours
    .map(({ start, end }) => ({ startMinute: parseClock(start), endMinute: parseClock(end) }))
    .sort((a, b) => a.startMinute - b.startMinute);
  parsed.forEach((iv, i) => {
    if (iv.endMinute <= iv.startMinute) throw new RangeError('A working interval must end after it starts');
    if (i > 0 && iv.startMinute < parsed[i - 1].endMinute) throw new RangeError('Working intervals overlap');
  });
  return parsed;
}

function parseClock(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60)
    throw new RangeError(`Invalid time '${hhmm}', expected HH:MM`);
  return minutes;
}

/** Lazily computes public holidays per year; date-holidays is slow to query, so results are cached. */
function holidayLookup(spec: { country: string; state?: string } | false): (localDate: string) => boolean {
  if (spec === false) return () => false;
  const hd = spec.state ? new Holidays(spec.country, spec.state) : new Holidays(spec.country);
  const states = new Holidays().getStates(spec.country);
  // date-holidays silently yields nothing for a typo, which would quietly make holidays business days.
  if (hd.getHolidays(2000).length === 0 || (spec.state && !states?.[spec.state])) {
    throw new RangeError(`Unknown holiday region: ${spec.country}${spec.state ? `-${spec.state}` : ''}`);
  }
  const byYear = new Map<number, Set<string>>();
  return (localDate) => {
    const year = Number(localDate.slice(0, 4));
    let set = byYear.get(year);
    if (!set) {
      set = new Set(
        hd
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      byYear.set(year, set);
    }
    return set.has(localDate);
  };
}
