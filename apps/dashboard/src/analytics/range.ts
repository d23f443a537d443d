import type { Interval } from '@app/contracts';

/**
 * A range of whole UTC days, both ends included, as the page shows it (the API's `to` is
 * exclusive: the day after).
 */
export interface DayRange {
  from: string;
  to: string;
}

/** The longest range the analytics API answers. */
export const MAX_DAYS = 93;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const isDay = (value: string | null): value is string =>
  !!value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysIn(range: DayRange): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS) + 1;
}

/** The last `days` days, today included. */
export function lastDays(days: number): DayRange {
  const to = todayUtc();
  return { from: addDays(to, -(days - 1)), to };
}

/** Which preset the range is, if any (for the picker's pressed button). */
export function presetOf(range: DayRange): number | undefined {
  if (range.to !== todayUtc()) return undefined;
  return [7, 30].find((days) => range.from === addDays(range.to, -(days - 1)));
}

/**
 * The range of the page's address: `?from=` alone (the daily report's link) runs to today, as
 * the API reads it; nothing at all is the last 7 days.
 */
export function rangeOf(params: URLSearchParams): DayRange {
  const from = params.get('from');
  const to = params.get('to');
  if (!isDay(from)) return lastDays(7);
  const end = isDay(to) ? to : todayUtc();
  return end < from ? { from, to: from } : { from, to: end };
}

/** An hourly chart for a day or two; a daily one beyond. */
export function intervalOf(range: DayRange): Interval {
  return daysIn(range) <= 2 ? 'hour' : 'day';
}

export function apiQuery(range: DayRange, chatbotId: string | undefined) {
  return { from: range.from, to: addDays(range.to, 1), chatbotId };
}
