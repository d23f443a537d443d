/** Rollups are kept per UTC day, with each entry's hour of that day. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function hourOf(at: Date): number {
  return at.getUTCHours();
}

/** The UTC days that the range [from, to) touches, in order. */
export function daysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  while (cursor < to) {
    days.push(dayOf(cursor));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}

/** The start of an hour of a rollup day. */
export function hourStart(day: string, hour: number): Date {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00.000Z`);
}

export function secondsBetween(from: string | Date, to: string | Date): number {
  return Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000));
}

const DAY_MS = 86_400_000;
/** Longer than any clock difference between the replicas that write days and those that read. */
const SETTLED_AFTER_MS = 3_600_000;

/** The day is over: a write to it now is a late one. */
export function hasEnded(day: string, now: number): boolean {
  return hourStart(day, 0).getTime() + DAY_MS <= now;
}

/**
 * The day has been over long enough that every replica writing to it knows it is over (and
 * says so to its summaries, see day-summary.schema.ts): it may be read from a summary.
 */
export function isSettled(day: string, now: number): boolean {
  return hourStart(day, 0).getTime() + DAY_MS + SETTLED_AFTER_MS <= now;
}
