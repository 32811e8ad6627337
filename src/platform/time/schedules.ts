// Recurring schedules at a local wall-clock time: 06:00 stays 06:00 in the company's zone on both
// sides of a daylight-saving change (05:00Z in winter, 04:00Z in summer for Europe/Berlin).
import { DateTime } from 'luxon';
import { atLocalTime } from './local-time.js';

/** When a recurring job runs next after `after`, with the company's time zone. */
export type NextOccurrence = (after: Date, timeZone: string) => Date;

/** Every day at `hour:minute` local time in the company's zone. */
export const dailyAt =
  (hour: number, minute = 0): NextOccurrence =>
  (after, timeZone) =>
    nextLocal(after, timeZone, hour, minute, () => true);

/** Every week on `weekday` (0 or 7 = Sunday, 1 = Monday … 6 = Saturday) at `hour:minute` local time. */
export const weeklyAt = (weekday: number, hour: number, minute = 0): NextOccurrence => {
  const isoWeekday = weekday === 0 ? 7 : weekday;
  if (!Number.isInteger(isoWeekday) || isoWeekday < 1 || isoWeekday > 7)
    throw new RangeError(`weekday ${weekday} is not 0–7`);
  return (after, timeZone) => nextLocal(after, timeZone, hour, minute, (d) => d.weekday === isoWeekday);
};

function nextLocal(
  after: Date,
  timeZone: string,
  hour: number,
  minute: number,
  onDay: (d: DateTime) => boolean,
): Date {
  const today = DateTime.fromJSDate(after, { zone: timeZone }).startOf('day');
  // A week and a day covers every weekday even when today's time has passed.
  for (let i = 0; i <= 8; i++) {
    const day = today.plus({ days: i });
    if (!onDay(day)) continue;
    const at = atLocalTime(day, hour, minute);
    if (at.toMillis() > after.getTime()) return at.toJSDate();
  }
  throw new Error(`no occurrence of ${hour}:${minute} within 8 days in ${timeZone}`);
}
