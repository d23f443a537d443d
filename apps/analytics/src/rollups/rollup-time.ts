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
