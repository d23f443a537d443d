import { type IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * How late the process's event loop ran over a window, in milliseconds: how much later than
 * due a timer fired, every `resolutionMs`. A loop that stalls for 200 ms shows as a max of about
 * 200 ms; an idle one as about 0. (Node records the interval between the timer's runs, which
 * includes the resolution; it is taken off here, so the figures are the delay alone.)
 */
export interface EventLoopDelay {
  /** The window the figures cover: since the previous read. */
  windowMs: number;
  /** Timer runs measured in the window. */
  samples: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The figures a window's histogram (nanoseconds, `resolutionMs` included) gives. */
export function eventLoopDelayOf(
  histogram: Pick<IntervalHistogram, 'count' | 'mean' | 'max' | 'percentile'>,
  resolutionMs: number,
  windowMs: number,
): EventLoopDelay {
  const samples = histogram.count;
  // An empty histogram's mean is NaN and its percentiles are not zero: say so plainly.
  const delay = (nanoseconds: number) =>
    samples === 0 ? 0 : Math.round(Math.max(0, nanoseconds / 1e6 - resolutionMs) * 100) / 100;
  return {
    windowMs: Math.round(windowMs),
    samples,
    meanMs: delay(histogram.mean),
    p50Ms: delay(histogram.percentile(50)),
    p99Ms: delay(histogram.percentile(99)),
    maxMs: delay(histogram.max),
  };
}

/**
 * The event loop's delay, measured all the time (a timer every `resolutionMs`, which does not
 * keep the process alive) and read by window: each read covers the time since the previous one,
 * then starts a new window. Only one reader should read it; a later Prometheus collector would
 * take that place.
 */
export class EventLoopDelayMonitor {
  private readonly histogram: IntervalHistogram;
  private windowStart = performance.now();

  constructor(private readonly resolutionMs = 10) {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.histogram.enable();
  }

  /** The figures since the previous read (or the start), and a new window from now. */
  read(): EventLoopDelay {
    const now = performance.now();
    const figures = eventLoopDelayOf(this.histogram, this.resolutionMs, now - this.windowStart);
    this.histogram.reset();
    this.windowStart = now;
    return figures;
  }
}
