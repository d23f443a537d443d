import { retryAfterMs } from './retry-after';

const NOW = Date.UTC(2026, 11, 7, 1, 0, 0);
const retryAfter = (value?: string, now = NOW) =>
  retryAfterMs(new Headers(value === undefined ? {} : { 'Retry-After': value }), now);

describe('how long a Retry-After asks to wait', () => {
  it('reads delay-seconds', () => {
    expect(retryAfter('7')).toBe(7_000);
    expect(retryAfter('0')).toBe(0);
    expect(retryAfter('3600')).toBe(3_600_000);
  });

  it('reads an HTTP-date as the time until it, in each of the three forms', () => {
    expect(retryAfter('Mon, 07 Dec 2026 01:00:03 GMT')).toBe(3_000);
    expect(retryAfter(new Date(NOW + 90_000).toUTCString())).toBe(90_000);
    // The obsolete forms recipients must still accept (RFC 9110 §5.6.7).
    expect(retryAfter('Monday, 07-Dec-26 01:00:03 GMT')).toBe(3_000);
    expect(retryAfter('Mon Dec  7 01:00:03 2026')).toBe(3_000);
  });

  it('reads a two-digit year as the one within 50 years of now, past or ahead', () => {
    expect(retryAfter('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(0);
    expect(retryAfter('Sunday, 07-Dec-36 01:00:03 GMT')).toBe(Date.UTC(2036, 11, 7, 1, 0, 3) - NOW);
    const in2090 = Date.UTC(2090, 0, 1);
    expect(retryAfter('Sunday, 07-Dec-10 01:00:03 GMT', in2090)).toBe(
      Date.UTC(2110, 11, 7, 1, 0, 3) - in2090,
    );
  });

  it('asks for no wait for a date already past', () => {
    expect(retryAfter('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(0);
    expect(retryAfter(new Date(NOW - 1_000).toUTCString())).toBe(0);
  });

  it('is undefined when the header is absent', () => {
    expect(retryAfter()).toBeUndefined();
  });

  it('is undefined for a negative, fractional or empty number of seconds', () => {
    expect(retryAfter('-5')).toBeUndefined();
    expect(retryAfter('7.5')).toBeUndefined();
    expect(retryAfter('1e3')).toBeUndefined();
    expect(retryAfter('')).toBeUndefined();
    expect(retryAfter('9'.repeat(400))).toBeUndefined();
  });

  it('is undefined for what is not an HTTP-date, even what Date.parse would take', () => {
    expect(retryAfter('soon')).toBeUndefined();
    expect(retryAfter('7, 8')).toBeUndefined();
    expect(retryAfter('2026-12-07T01:00:03Z')).toBeUndefined();
    expect(retryAfter('mon, 07 dec 2026 01:00:03 gmt')).toBeUndefined();
    expect(retryAfter('Mon, 07 Dec 2026 01:00:03 UTC')).toBeUndefined();
    expect(retryAfter('Tue, 31 Feb 2026 01:00:03 GMT')).toBeUndefined();
    expect(retryAfter('Mon, 07 Dec 2026 24:00:00 GMT')).toBeUndefined();
  });
});
