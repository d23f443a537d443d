import { type Distribution } from '@app/contracts';

/**
 * Durations are kept as histograms (a count per bucket) rather than one value per
 * conversation, so a day's rollup stays small however busy the day. A bucket is named by its
 * lower bound in seconds; widths grow with the value, so a figure is never more than about 8 %
 * below the true one: exact under 2 minutes, then 5 s steps to 10 minutes, 30 s to an hour,
 * 5 minutes to a day, hours beyond.
 */
export function durationBucket(seconds: number): number {
  const value = Math.max(0, Math.floor(seconds));
  const step = value < 120 ? 1 : value < 600 ? 5 : value < 3600 ? 30 : value < 86_400 ? 300 : 3600;
  return value - (value % step);
}

/**
 * p50 and p90 of a histogram, as ClickHouse's `quantileExact` takes them from sorted values
 * (the value at position floor(level × n)), each value being its bucket's lower bound.
 */
export function distributionOf(histogram: Map<number, number>): Distribution {
  const buckets = [...histogram].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const count = buckets.reduce((total, [, n]) => total + n, 0);
  if (count === 0) return { count: 0, p50: null, p90: null };
  const at = (level: number) => {
    const position = Math.min(count - 1, Math.floor(level * count));
    let seen = 0;
    for (const [bucket, n] of buckets) {
      seen += n;
      if (position < seen) return bucket;
    }
    return buckets[buckets.length - 1][0];
  };
  return { count, p50: at(0.5), p90: at(0.9) };
}
