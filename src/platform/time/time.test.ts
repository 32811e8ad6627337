// platform/time: local days, weeks and months, their bounds, wording, and schedules across DST.
import { describe, expect, it } from 'vitest';
import { formatInstant } from './format.js';
import {
  endOfLocal,
  isTimeZone,
  localDay,
  localIsoWeek,
  localMonth,
  plusLocal,
  startOfLocal,
  startOfLocalDate,
} from './local-time.js';
import { dailyAt, weeklyAt } from './schedules.js';

const BERLIN = 'Europe/Berlin';
const iso = (d: Date) => d.toISOString();

describe('a weekly schedule at 06:00 local time (Monday, Europe/Berlin)', () => {
  const monday6 = weeklyAt(1, 6);

  it('fires at 05:00Z on a winter Monday (CET, UTC+1)', () => {
    expect(iso(monday6(new Date('2026-01-07T12:00:00Z'), BERLIN))).toBe('2026-01-12T05:00:00.000Z');
  });

  it('fires at 04:00Z on a summer Monday (CEST, UTC+2)', () => {
    expect(iso(monday6(new Date('2026-07-01T12:00:00Z'), BERLIN))).toBe('2026-07-06T04:00:00.000Z');
  });

  it('moves from 05:00Z to 04:00Z over the spring change (Sunday 29 March 2026)', () => {
    // Monday 23 March is winter time; the clocks jump 02:00 → 03:00 on Sunday 29 March.
    const before = monday6(new Date('2026-03-22T12:00:00Z'), BERLIN);
    expect(iso(before)).toBe('2026-03-23T05:00:00.000Z');
    expect(iso(monday6(before, BERLIN))).toBe('2026-03-30T04:00:00.000Z');
  });

  it('moves from 04:00Z to 05:00Z over the autumn change (Sunday 25 October 2026)', () => {
    const before = monday6(new Date('2026-10-18T12:00:00Z'), BERLIN);
    expect(iso(before)).toBe('2026-10-19T04:00:00.000Z');
    expect(iso(monday6(before, BERLIN))).toBe('2026-10-26T05:00:00.000Z');
  });

  it('fires a week later when asked at the very instant of an occurrence', () => {
    expect(iso(monday6(new Date('2026-01-12T05:00:00Z'), BERLIN))).toBe('2026-01-19T05:00:00.000Z');
  });

  it('fires the same day when asked on the Monday before 06:00 local', () => {
    // 04:30Z is 05:30 local in winter.
    expect(iso(monday6(new Date('2026-01-12T04:30:00Z'), BERLIN))).toBe('2026-01-12T05:00:00.000Z');
  });

  it('reads Sunday as weekday 0', () => {
    expect(iso(weeklyAt(0, 6)(new Date('2026-01-07T12:00:00Z'), BERLIN))).toBe('2026-01-11T05:00:00.000Z');
  });
});

describe('a daily schedule at local time', () => {
  it('fires every local day at 06:00 across the spring change, 23 hours apart once', () => {
    const at6 = dailyAt(6);
    const sat = at6(new Date('2026-03-27T12:00:00Z'), BERLIN);
    const sun = at6(sat, BERLIN);
    const mon = at6(sun, BERLIN);
    expect([sat, sun, mon].map(iso)).toEqual([
      '2026-03-28T05:00:00.000Z',
      '2026-03-29T04:00:00.000Z',
      '2026-03-30T04:00:00.000Z',
    ]);
  });

  it('fires every local day at 06:00 across the autumn change, 25 hours apart once', () => {
    const at6 = dailyAt(6);
    const sat = at6(new Date('2026-10-23T12:00:00Z'), BERLIN);
    const sun = at6(sat, BERLIN);
    expect([sat, sun].map(iso)).toEqual(['2026-10-24T04:00:00.000Z', '2026-10-25T05:00:00.000Z']);
  });

  it('runs a time the spring change skips (02:30) right after the gap, at 03:30 local', () => {
    expect(iso(dailyAt(2, 30)(new Date('2026-03-28T12:00:00Z'), BERLIN))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('runs a time the autumn change repeats (02:30) once, at its first (summer-time) occurrence', () => {
    const at = dailyAt(2, 30)(new Date('2026-10-24T12:00:00Z'), BERLIN);
    expect(iso(at)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(dailyAt(2, 30)(at, BERLIN))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('follows the zone it is given (UTC)', () => {
    expect(iso(dailyAt(5, 30)(new Date('2026-07-01T12:00:00Z'), 'UTC'))).toBe('2026-07-02T05:30:00.000Z');
  });
});

describe('local day, week and month of an instant', () => {
  it('puts 23:30Z on 1 March into 2 March in Berlin', () => {
    expect(localDay('2026-03-01T23:30:00Z', BERLIN)).toBe('2026-03-02');
    expect(localDay('2026-03-01T23:30:00Z', 'UTC')).toBe('2026-03-01');
  });

  it('puts the last evening of a month into the next local month', () => {
    // 31 May 22:30Z is 1 June 00:30 CEST.
    expect(localMonth('2026-05-31T22:30:00Z', BERLIN)).toBe('2026-06');
    expect(localMonth(new Date('2026-05-31T21:59:59Z'), BERLIN)).toBe('2026-05');
  });

  it('names the ISO week by its week year (1 January 2027 is in 2026-W53)', () => {
    expect(localIsoWeek('2027-01-01T12:00:00Z', BERLIN)).toBe('2026-W53');
    // Sunday 23:30Z is already Monday in Berlin: the next week.
    expect(localIsoWeek('2026-03-01T23:30:00Z', BERLIN)).toBe('2026-W10');
    expect(localIsoWeek('2026-03-01T23:30:00Z', 'UTC')).toBe('2026-W09');
  });

  it('reads an instant written with an offset as that instant', () => {
    expect(localDay('2026-03-02T01:00:00+02:00', 'UTC')).toBe('2026-03-01');
  });
});

describe('bounds of local periods as instants', () => {
  it('gives a 23-hour local day on the spring change', () => {
    const at = '2026-03-29T12:00:00Z';
    expect(iso(startOfLocal('day', at, BERLIN))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(endOfLocal('day', at, BERLIN))).toBe('2026-03-29T22:00:00.000Z');
  });

  it('gives a 25-hour local day on the autumn change', () => {
    const at = '2026-10-25T12:00:00Z';
    expect(iso(startOfLocal('day', at, BERLIN))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(endOfLocal('day', at, BERLIN))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts the local week on Monday midnight and ends it at the next', () => {
    expect(iso(startOfLocal('week', '2026-03-04T12:00:00Z', BERLIN))).toBe('2026-03-01T23:00:00.000Z');
    expect(iso(endOfLocal('week', '2026-03-04T12:00:00Z', BERLIN))).toBe('2026-03-08T23:00:00.000Z');
  });

  it('spans a local month with a DST change: March 2026 starts at UTC+1 and ends at UTC+2', () => {
    expect(iso(startOfLocal('month', '2026-03-15T12:00:00Z', BERLIN))).toBe('2026-02-28T23:00:00.000Z');
    expect(iso(endOfLocal('month', '2026-03-15T12:00:00Z', BERLIN))).toBe('2026-03-31T22:00:00.000Z');
  });

  it('gives local midnight of a calendar day', () => {
    expect(iso(startOfLocalDate('2026-07-01', BERLIN))).toBe('2026-06-30T22:00:00.000Z');
  });

  it('adds local days keeping the wall-clock time across a change', () => {
    expect(iso(plusLocal('2026-03-28T11:00:00Z', { days: 1 }, BERLIN))).toBe('2026-03-29T10:00:00.000Z');
  });
});

describe('zone names', () => {
  it('accepts IANA zones and refuses unknown names and fixed offsets', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+02:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('times worded for a reader', () => {
  it('words an instant in German and in English in the zone given', () => {
    const at = '2026-03-02T09:00:00Z';
    expect(formatInstant(at, 'de', BERLIN)).toBe('02.03.2026, 10:00');
    expect(formatInstant(at, 'en', BERLIN)).toBe('2 Mar 2026, 10:00');
    expect(formatInstant(at, 'en', 'America/New_York')).toBe('2 Mar 2026, 04:00');
  });

  it('takes a locale tag as its language', () => {
    expect(formatInstant('2026-07-01T12:00:00Z', 'de-AT', BERLIN, 'date')).toBe('01.07.2026');
  });
});
