import { rateLimitWait } from './intercom-client';

const NOW = Date.UTC(2026, 11, 7, 1, 0, 0);
const headers = (entries: Record<string, string>) => new Headers(entries);

describe("how long Intercom's 429 asks to wait", () => {
  it('waits until X-RateLimit-Reset (Unix seconds), what Intercom documents', () => {
    const wait = rateLimitWait(
      headers({ 'X-RateLimit-Reset': String(NOW / 1000 + 4) }),
      1,
      500,
      NOW,
    );
    expect(wait).toBeGreaterThanOrEqual(4000);
    expect(wait).toBeLessThan(4250);
  });

  it('prefers Retry-After, in seconds or as a date, when one is sent', () => {
    const reset = String(NOW / 1000 + 60);
    expect(
      rateLimitWait(headers({ 'Retry-After': '7', 'X-RateLimit-Reset': reset }), 1, 500, NOW),
    ).toBeGreaterThanOrEqual(7000);
    const at = new Date(NOW + 3000).toUTCString();
    const wait = rateLimitWait(headers({ 'Retry-After': at }), 1, 500, NOW);
    expect(wait).toBeGreaterThanOrEqual(3000);
    expect(wait).toBeLessThan(3250);
  });

  it('does not wait for a window that already reset, and backs off when nothing says', () => {
    expect(
      rateLimitWait(headers({ 'X-RateLimit-Reset': String(NOW / 1000 - 5) }), 1, 500, NOW),
    ).toBeLessThan(250);
    expect(rateLimitWait(headers({}), 3, 500, NOW)).toBeGreaterThanOrEqual(2000);
  });
});
