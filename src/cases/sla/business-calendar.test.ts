import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  createBusinessCalendar,
  isBusinessTime,
} from './business-calendar.js';

// Expected instants are written with explicit local offsets (+01:00 CET, +02:00 CEST) so they do not
// depend on the code under test for time-zone conversion.
const at = (iso: string) => new Date(iso);
const bavaria = createBusinessCalendar({ holidays: { country: 'DE', state: 'BY' } });

describe('addBusinessMinutes', () => {
  it('a case received Friday 16:30 Berlin with a 60-minute budget is due Monday 08:30', () => {
    const due = addBusinessMinutes(bavaria, at('2025-09-12T16:30:00+02:00'), 60);
    expect(due).toEqual(at('2025-09-15T08:30:00+02:00'));
  });

  it('a budget that runs out exactly at closing time is due at closing time, not the next morning', () => {
    expect(addBusinessMinutes(bavaria, at('2025-09-10T16:00:00+02:00'), 60)).toEqual(
      at('2025-09-10T17:00:00+02:00'),
    );
  });

  it('time before opening does not count', () => {
    expect(addBusinessMinutes(bavaria, at('2025-09-10T06:15:00+02:00'), 30)).toEqual(
      at('2025-09-10T08:30:00+02:00'),
    );
  });

  it('a lunch break between two intervals does not count', () => {
    const split = createBusinessCalendar({
      workingHours: [
        { start: '13:00', end: '17:00' },
        { start: '08:00', end: '12:00' },
      ],
    });
    expect(addBusinessMinutes(split, at('2025-09-10T11:30:00+02:00'), 60)).toEqual(
      at('2025-09-10T13:30:00+02:00'),
    );
  });

  it('zero minutes returns the start unchanged, even outside business hours', () => {
    const sunday = at('2025-09-14T12:00:00+02:00');
    expect(addBusinessMinutes(bavaria, sunday, 0)).toEqual(sunday);
  });

  it('rejects a negative budget', () => {
    expect(() => addBusinessMinutes(bavaria, at('2025-09-10T10:00:00+02:00'), -1)).toThrow(RangeError);
  });

  it('DST change does not shift due times by an hour (spring forward)', () => {
    // Summer time starts Sunday 30 March 2025; Monday 08:30 is then 06:30 UTC instead of 07:30 UTC.
    const due = addBusinessMinutes(bavaria, at('2025-03-28T16:30:00+01:00'), 60);
    expect(due).toEqual(at('2025-03-31T08:30:00+02:00'));
  });

  it('DST change does not shift due times by an hour (fall back)', () => {
    const due = addBusinessMinutes(bavaria, at('2025-10-24T16:30:00+02:00'), 60);
    expect(due).toEqual(at('2025-10-27T08:30:00+01:00'));
  });

  it('a budget crosses the year end and skips New Year', () => {
    const due = addBusinessMinutes(bavaria, at('2025-12-31T16:30:00+01:00'), 60);
    expect(due).toEqual(at('2026-01-02T08:30:00+01:00'));
  });

  it('working hours are read in the calendar time zone', () => {
    const newYork = createBusinessCalendar({ timeZone: 'America/New_York', holidays: false });
    expect(addBusinessMinutes(newYork, at('2025-09-10T16:30:00-04:00'), 60)).toEqual(
      at('2025-09-11T08:30:00-04:00'),
    );
  });
});

describe('holidays and closed dates', () => {
  it('Christmas and Bavarian Epiphany (6 January) are not business days', () => {
    expect(isBusinessTime(bavaria, at('2025-12-25T10:00:00+01:00'))).toBe(false);
    expect(isBusinessTime(bavaria, at('2026-01-06T10:00:00+01:00'))).toBe(false);
  });

  it('Epiphany is a business day in Berlin (state BE)', () => {
    const berlin = createBusinessCalendar({ holidays: { country: 'DE', state: 'BE' } });
    expect(isBusinessTime(berlin, at('2026-01-06T10:00:00+01:00'))).toBe(true);
  });

  it('only public holidays count: Christmas Eve (a bank holiday) is a business day', () => {
    expect(isBusinessTime(bavaria, at('2025-12-24T10:00:00+01:00'))).toBe(true);
  });

  it('extra closed dates are not business days', () => {
    const closed = createBusinessCalendar({ closedDates: ['2025-12-24'] });
    expect(isBusinessTime(closed, at('2025-12-24T10:00:00+01:00'))).toBe(false);
  });

  it('holidays: false makes public holidays ordinary working days', () => {
    const none = createBusinessCalendar({ holidays: false });
    expect(isBusinessTime(none, at('2025-12-25T10:00:00+01:00'))).toBe(true);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only opening hours over a weekend', () => {
    expect(
      businessMinutesBetween(bavaria, at('2025-09-12T16:00:00+02:00'), at('2025-09-15T09:00:00+02:00')),
    ).toBe(120);
  });

  it('counts the Christmas-to-Epiphany fortnight in Bavaria day by day', () => {
    // 23 Dec 30 min, 24 Dec 540, 29–31 Dec 3×540, 2 Jan 540, 5 Jan 540, 7 Jan 540, 8 Jan 30.
    const minutes = businessMinutesBetween(
      bavaria,
      at('2025-12-23T16:30:00+01:00'),
      at('2026-01-08T08:30:00+01:00'),
    );
    expect(minutes).toBe(30 + 540 + 3 * 540 + 540 + 540 + 540 + 30);
  });

  it('is negative when the end lies before the start', () => {
    expect(
      businessMinutesBetween(bavaria, at('2025-09-10T11:00:00+02:00'), at('2025-09-10T10:00:00+02:00')),
    ).toBe(-60);
  });

  it('undoes addBusinessMinutes from any start, including across DST and year end', () => {
    const starts = ['2025-03-27T12:34:00+01:00', '2025-10-25T03:00:00+02:00', '2025-12-30T15:00:00+01:00'];
    for (const start of starts) {
      for (const minutes of [1, 59, 540, 1000, 5000]) {
        const due = addBusinessMinutes(bavaria, at(start), minutes);
        expect(businessMinutesBetween(bavaria, at(start), due)).toBe(minutes);
      }
    }
  });

  it('a business minute is a real minute: a round-the-clock day at the spring DST change has 23 hours', () => {
    const always = createBusinessCalendar({
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      workingHours: [{ start: '00:00', end: '24:00' }],
      holidays: false,
    });
    expect(
      businessMinutesBetween(always, at('2025-03-30T00:00:00+01:00'), at('2025-03-31T00:00:00+02:00')),
    ).toBe(23 * 60);
  });
});

describe('opening hours that touch the DST switch itself', () => {
  const night = createBusinessCalendar({
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    workingHours: [{ start: '01:30', end: '05:00' }],
    holidays: false,
  });

  it('01:30–05:00 lasts 2.5 real hours on the spring DST night', () => {
    const day = businessMinutesBetween(
      night,
      at('2025-03-30T00:00:00+01:00'),
      at('2025-03-31T00:00:00+02:00'),
    );
    expect(day).toBe(150);
  });

  it('an opening time inside the spring DST gap is shifted forward by the gap', () => {
    const gap = createBusinessCalendar({
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      workingHours: [{ start: '02:30', end: '05:00' }],
      holidays: false,
    });
    expect(addBusinessMinutes(gap, at('2025-03-30T00:00:00+01:00'), 1)).toEqual(
      at('2025-03-30T03:31:00+02:00'),
    );
  });

  it('01:30–05:00 lasts 4.5 real hours on the autumn DST night', () => {
    const day = businessMinutesBetween(
      night,
      at('2025-10-26T00:00:00+02:00'),
      at('2025-10-27T00:00:00+01:00'),
    );
    expect(day).toBe(270);
  });
});

describe('isBusinessTime', () => {
  it('opening time is inside and closing time is outside', () => {
    expect(isBusinessTime(bavaria, at('2025-09-10T08:00:00+02:00'))).toBe(true);
    expect(isBusinessTime(bavaria, at('2025-09-10T17:00:00+02:00'))).toBe(false);
  });

  it('weekends are closed by default', () => {
    expect(isBusinessTime(bavaria, at('2025-09-13T10:00:00+02:00'))).toBe(false);
  });
});

describe('createBusinessCalendar validation', () => {
  it('rejects an unknown holiday state instead of silently having no holidays', () => {
    expect(() => createBusinessCalendar({ holidays: { country: 'DE', state: 'XX' } })).toThrow(
      /holiday region/,
    );
  });

  it('rejects an unknown time zone', () => {
    expect(() => createBusinessCalendar({ timeZone: 'Europe/Atlantis' })).toThrow(/time zone/);
  });

  it('rejects overlapping working intervals', () => {
    const workingHours = [
      { start: '08:00', end: '12:00' },
      { start: '11:00', end: '17:00' },
    ];
    expect(() => createBusinessCalendar({ workingHours })).toThrow(/overlap/);
  });
});
