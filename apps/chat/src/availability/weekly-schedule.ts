import { type BusinessHours, type Weekday, type WeeklyHours } from '@app/contracts';

/** An instant as a wall clock in one time zone reads it. */
export interface LocalTime {
  day: Weekday;
  /** `YYYY-MM-DD`, the local date (holidays are local days). */
  date: string;
  /** `HH:MM`, 24-hour. */
  time: string;
}

const WEEKDAY_OF: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The local weekday, date and time of `at` in `timeZone`. Intl applies the zone's own rules
 * (daylight saving included) from the runtime's time-zone database, so a DST change day needs
 * nothing of ours.
 */
export function localTime(at: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    day: WEEKDAY_OF[parts.weekday],
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** Whether `at` falls in one of the weekly ranges; no ranges at all means always. */
export function withinWeeklyHours(hours: WeeklyHours, timeZone: string, at: Date): boolean {
  if (hours.length === 0) return true;
  const local = localTime(at, timeZone);
  // Ranges are [start, end): 17:00 is already closed for 09:00–17:00.
  return hours.some(
    (range) => range.day === local.day && range.start <= local.time && local.time < range.end,
  );
}

/** Open at `at`: not a holiday, and within the weekly hours. No business hours: always open. */
export function withinBusinessHours(
  hours: BusinessHours | null,
  timeZone: string,
  at: Date,
): boolean {
  if (!hours) return true;
  if (hours.holidays.includes(localTime(at, timeZone).date)) return false;
  return withinWeeklyHours(hours.weekly, timeZone, at);
}
