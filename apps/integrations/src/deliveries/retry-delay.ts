/**
 * The wait before the next attempt after `failedAttempts` failures: exponential backoff with
 * full jitter, a random time up to `baseMs * 2^(failedAttempts-1)` (capped at `maxMs`), so
 * that deliveries failing together do not all come back together.
 */
export function retryDelay(
  failedAttempts: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.floor(random() * ceiling);
}
