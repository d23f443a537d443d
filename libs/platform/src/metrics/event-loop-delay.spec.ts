import { EventLoopDelayMonitor, eventLoopDelayOf } from './event-loop-delay';

/** A histogram of timer intervals in nanoseconds, as perf_hooks keeps them. */
const histogram = (intervalsMs: number[]) => {
  const sorted = [...intervalsMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    mean: sorted.length ? (sorted.reduce((sum, v) => sum + v, 0) / sorted.length) * 1e6 : NaN,
    max: (sorted.at(-1) ?? 0) * 1e6,
    percentile: (p: number) =>
      (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 511) * 1e6,
  };
};

describe('eventLoopDelayOf', () => {
  it('takes the timer resolution off, leaving how late the timer ran, in ms', () => {
    const intervals = [...Array<number>(98).fill(10.2), 14, 210];

    expect(eventLoopDelayOf(histogram(intervals), 10, 10_000.4)).toEqual({
      windowMs: 10_000,
      samples: 100,
      meanMs: 2.24,
      p50Ms: 0.2,
      p99Ms: 4,
      maxMs: 200,
    });
  });

  it('never reports a negative delay for a timer that ran a little early', () => {
    expect(eventLoopDelayOf(histogram([9.4, 9.8]), 10, 1000)).toMatchObject({
      meanMs: 0,
      p50Ms: 0,
      p99Ms: 0,
      maxMs: 0,
    });
  });

  it('reports zeros for a window with no timer run (an empty histogram is NaN and noise)', () => {
    expect(eventLoopDelayOf(histogram([]), 10, 5)).toEqual({
      windowMs: 5,
      samples: 0,
      meanMs: 0,
      p50Ms: 0,
      p99Ms: 0,
      maxMs: 0,
    });
  });
});

describe('EventLoopDelayMonitor', () => {
  it('reads a window at a time: a stall shows in the read after it, not in the next', async () => {
    const monitor = new EventLoopDelayMonitor(5);
    monitor.read();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stalledUntil = Date.now() + 120;
    while (Date.now() < stalledUntil);
    await new Promise((resolve) => setTimeout(resolve, 30));

    const stalled = monitor.read();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const after = monitor.read();

    expect(stalled.maxMs).toBeGreaterThanOrEqual(100);
    expect(stalled.windowMs).toBeGreaterThanOrEqual(170);
    expect(after.maxMs).toBeLessThan(100);
    expect(after.samples).toBeGreaterThan(0);
  });
});
