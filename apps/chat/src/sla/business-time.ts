import { type BusinessHours } from '@app/contracts';
import { localTime } from '../availability/weekly-schedule';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** Steps through open and closed stretches; a year of hours has a few thousand at most. */
const MAX_STEPS = 20_000;

const minutesOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * The moment `seconds` of open time have passed after `start`, counting only business hours in
 * `timeZone` (holidays closed; no weekly ranges: open all day). Without business hours it is
 * plain wall-clock time. Open and closed stretches change only at the minutes a day's ranges
 * name (and at midnight), so it steps from one such minute to the next rather than minute by
 * minute. Hours that are never open (every day a holiday) fall back to wall-clock time rather
 * than a deadline that never comes.
 */
export function addBusinessTime(
  start: Date,
  seconds: number,
  hours: BusinessHours | null,
  timeZone: string,
): Date {
  const wallClock = new Date(start.getTime() + seconds * 1000);
  if (!hours || (hours.weekly.length === 0 && hours.holidays.length === 0)) return wallClock;
  let remaining = seconds * 1000;
  let at = start.getTime();
  for (let step = 0; step < MAX_STEPS; step++) {
    const local = localTime(new Date(at), timeZone);
    const minute = minutesOf(local.time);
    // Time zones are whole minutes off UTC, so the milliseconds into the minute are the same.
    const intoMinute = at % MINUTE_MS;
    const ranges = hours.holidays.includes(local.date)
      ? []
      : hours.weekly.length === 0
        ? [{ start: 0, end: DAY_MINUTES }]
        : hours.weekly
            .filter((range) => range.day === local.day)
            .map((range) => ({ start: minutesOf(range.start), end: minutesOf(range.end) }));
    const open = ranges.find((range) => range.start <= minute && minute < range.end);
    const next = open
      ? open.end
      : Math.min(DAY_MINUTES, ...ranges.map((range) => range.start).filter((s) => s > minute));
    const stretch = (next - minute) * MINUTE_MS - intoMinute;
    if (open) {
      if (remaining <= stretch) return new Date(at + remaining);
      remaining -= stretch;
    }
    at += stretch;
  }
  return wallClock;
}
