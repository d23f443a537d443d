import { type Distribution } from './analytics-queries';

/**
 * p50 and p90 as ClickHouse's `quantileExact` computes them (the value at position
 * floor(level × n) of the sorted values), so the local rollups and Tinybird give the same figure.
 */
export function distribution(values: number[]): Distribution {
  if (values.length === 0) return { count: 0, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (level: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(level * sorted.length))];
  return { count: sorted.length, p50: at(0.5), p90: at(0.9) };
}
