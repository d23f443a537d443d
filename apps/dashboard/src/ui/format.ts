// Dates and figures as people read them, in the browser's language.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const number = new Intl.NumberFormat();

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTime.format(new Date(iso));
}

/** "3 minutes ago", "in 2 hours". */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps)
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return Math.abs(seconds) < 10 ? 'just now' : relative.format(seconds, 'second');
}

/** A duration in the two largest units that matter: "45 s", "3 min 20 s", "2 h 5 min", "1 d 3 h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ];
  const index = units.findIndex(([, size]) => total >= size);
  const [bigName, bigSize] = units[index];
  const [smallName, smallSize] = units[index + 1];
  const big = Math.floor(total / bigSize);
  const small = Math.floor((total % bigSize) / smallSize);
  return small ? `${big} ${bigName} ${small} ${smallName}` : `${big} ${bigName}`;
}

export function formatNumber(value: number): string {
  return number.format(value);
}
