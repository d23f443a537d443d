const DAY_NAME = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY_NAME = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// RFC 9110 §5.6.7: senders use IMF-fixdate, but recipients must also accept the two obsolete
// forms, and anything else is not a date (Date.parse would read "-5" as the year 2001).
const IMF_FIXDATE = new RegExp(`^${DAY_NAME}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${LONG_DAY_NAME}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY_NAME} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/** RFC 9110 §10.2.3: `delay-seconds = 1*DIGIT`, so no sign, fraction or exponent. */
const DELAY_SECONDS = /^\d+$/;

/**
 * How long an answer's `Retry-After` asks to wait, in ms from `now`: delay-seconds or an
 * HTTP-date, a date already past meaning no wait. Undefined when the header is absent or is
 * neither form (a negative or fractional number, an ISO date, words), so that a sender's mistake
 * falls to the caller's own backoff instead of being read as "now".
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (DELAY_SECONDS.test(value)) {
    const ms = Number(value) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  const at = httpDate(value, now);
  return at === undefined ? undefined : Math.max(0, at - now);
}

/** An HTTP-date in any of its three forms, as ms since the epoch; undefined for anything else. */
function httpDate(value: string, now: number): number | undefined {
  let fields: { day: string; month: string; year: number; time: string[] };
  let match: RegExpExecArray | null;
  if ((match = IMF_FIXDATE.exec(value))) {
    const [, day, month, year, ...time] = match;
    fields = { day, month, year: Number(year), time };
  } else if ((match = RFC850_DATE.exec(value))) {
    const [, day, month, year, ...time] = match;
    fields = { day, month, year: fullYear(Number(year), now), time };
  } else if ((match = ASCTIME_DATE.exec(value))) {
    const [, month, day, h, m, s, year] = match;
    fields = { day, month, year: Number(year), time: [h, m, s] };
  } else return undefined;
  const day = Number(fields.day);
  const [h, m, s] = fields.time.map(Number);
  // 60 is a leap second (RFC 5322).
  if (h > 23 || m > 59 || s > 60) return undefined;
  // setUTCFullYear rather than Date.UTC, which would move years 0–99 into the 1900s.
  const midnight = new Date(0).setUTCFullYear(fields.year, MONTHS.indexOf(fields.month), day);
  // A day the month does not have (31 Feb) would roll into the next month.
  if (new Date(midnight).getUTCDate() !== day) return undefined;
  return midnight + ((h * 60 + m) * 60 + s) * 1000;
}

/**
 * RFC 9110 §5.6.7 reads a two-digit year as the one within 50 years of `now`: more than 50 years
 * ahead means the most recent past year with those digits.
 */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  const year = current - (current % 100) + twoDigits;
  if (year > current + 50) return year - 100;
  if (year <= current - 50) return year + 100;
  return year;
}
