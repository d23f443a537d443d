import { distributionOf, durationBucket } from './durations';

describe('durationBucket', () => {
  it('keeps durations under two minutes exact, to the second', () => {
    expect([0, 1, 59, 119, 119.9].map(durationBucket)).toEqual([0, 1, 59, 119, 119]);
  });

  it('rounds down to 5 s to ten minutes, 30 s to an hour, 5 min to a day, hours beyond', () => {
    expect(durationBucket(124)).toBe(120);
    expect(durationBucket(599)).toBe(595);
    expect(durationBucket(629)).toBe(600);
    expect(durationBucket(3599)).toBe(3570);
    expect(durationBucket(3899)).toBe(3600);
    expect(durationBucket(86_399)).toBe(86_100);
    expect(durationBucket(89_999)).toBe(86_400);
  });

  it('is never more than about 8 % below the true duration', () => {
    for (let seconds = 1; seconds < 200_000; seconds += 7)
      expect(durationBucket(seconds)).toBeGreaterThanOrEqual(seconds * 0.92 - 1);
  });

  it('counts a negative duration (clocks apart) as none', () => {
    expect(durationBucket(-3)).toBe(0);
  });
});

describe('distributionOf', () => {
  it('has no percentiles when nothing was counted', () => {
    expect(distributionOf(new Map())).toEqual({ count: 0, p50: null, p90: null });
    expect(distributionOf(new Map([[30, 0]]))).toEqual({ count: 0, p50: null, p90: null });
  });

  it('takes the value at position floor(level × n) of the sorted values, as quantileExact does', () => {
    // Sorted: 10, 10, 20, 20, 20, 30, 40, 40, 40, 90 → p50 at 5 is 30, p90 at 9 is 90.
    const histogram = new Map([
      [40, 3],
      [10, 2],
      [90, 1],
      [20, 3],
      [30, 1],
    ]);
    expect(distributionOf(histogram)).toEqual({ count: 10, p50: 30, p90: 90 });
  });

  it('answers the one value for a single conversation', () => {
    expect(distributionOf(new Map([[45, 1]]))).toEqual({ count: 1, p50: 45, p90: 45 });
  });
});
