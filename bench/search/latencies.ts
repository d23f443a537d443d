/** Latency figures of a phase: percentiles, and the slowest of each second it ran. */
export interface Latencies {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The slowest of what started in each second of the phase: where stalls were. */
  worstMsBySecond: number[];
}

export class LatencyRecorder {
  private readonly samples: Array<{ startedAt: number; ms: number }> = [];

  add(startedAt: number, ms: number): void {
    this.samples.push({ startedAt, ms });
  }

  summary(): Latencies | null {
    if (this.samples.length === 0) return null;
    const sorted = this.samples.map((sample) => sample.ms).sort((a, b) => a - b);
    const at = (share: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
    const first = Math.min(...this.samples.map((sample) => sample.startedAt));
    const worstMsBySecond: number[] = [];
    for (const { startedAt, ms } of this.samples) {
      const second = Math.floor((startedAt - first) / 1000);
      worstMsBySecond[second] = Math.max(worstMsBySecond[second] ?? 0, Math.round(ms));
    }
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      count: sorted.length,
      p50: round(at(0.5)),
      p95: round(at(0.95)),
      p99: round(at(0.99)),
      max: round(sorted.at(-1)!),
      worstMsBySecond: Array.from(worstMsBySecond, (ms) => ms ?? 0),
    };
  }
}
