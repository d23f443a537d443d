import { retryDelay } from './retry-delay';

describe('retryDelay', () => {
  it('waits at most base, then twice as long after each failure, up to the cap', () => {
    const longest = (failures: number) => retryDelay(failures, 1000, 60_000, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(longest)).toEqual([
      999, 1999, 3999, 7999, 15_999, 31_999, 59_999, 59_999,
    ]);
  });

  it('spreads the wait over the whole range (full jitter)', () => {
    expect(retryDelay(3, 1000, 60_000, () => 0)).toBe(0);
    expect(retryDelay(3, 1000, 60_000, () => 0.5)).toBe(2000);
  });
});
