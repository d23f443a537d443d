import { dayOf } from '../rollups/rollup-time';

const DAY_MS = 86_400_000;

/**
 * The last UTC day whose report is due at `now`: a day is reported once it is over and late
 * events have had `afterMinutes` to arrive.
 */
export function dueReportDay(now: Date, afterMinutes: number): string {
  return dayOf(new Date(now.getTime() - afterMinutes * 60_000 - DAY_MS));
}

/** The instants a report day covers, [from, to), in UTC. */
export function reportDayRange(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00.000Z`);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}
