/**
 * Whether a curve of the soak stayed flat: the mean of its last window against the mean of its
 * first window after the warm-up, and its slope over everything after the warm-up.
 */

/** A curve: (seconds since the load started, value); null where nothing was measured. */
export type Curve = Array<[number, number | null]>;

/** The two windows compared, in seconds since the load started. */
export interface Windows {
  warmupSeconds: number;
  first: [number, number];
  last: [number, number];
}

/**
 * The windows for a run of `totalSeconds`: the first `windowSeconds` after `warmupSeconds`, and
 * the last `windowSeconds`. A short run (a smoke run of a few minutes) gets them shrunk to fit:
 * the warm-up to at most a quarter of the run, each window to at most half of the rest.
 */
export function comparisonWindows(
  totalSeconds: number,
  warmupSeconds: number,
  windowSeconds: number,
): Windows {
  const warmup = Math.min(warmupSeconds, totalSeconds / 4);
  const window = Math.min(windowSeconds, (totalSeconds - warmup) / 2);
  return {
    warmupSeconds: Math.round(warmup),
    first: [Math.round(warmup), Math.round(warmup + window)],
    last: [Math.round(totalSeconds - window), Math.round(totalSeconds)],
  };
}

/** The mean of the measured points within [from, to]; undefined when there is none. */
export function meanIn(curve: Curve, [from, to]: [number, number]): number | undefined {
  const values = curve.filter(([t, v]) => t >= from && t <= to && v !== null).map(([, v]) => v!);
  return values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : undefined;
}

/** The least-squares slope of the measured points from `from` on, per hour. */
export function slopePerHour(curve: Curve, from: number): number | undefined {
  const points = curve.filter(([t, v]) => t >= from && v !== null) as Array<[number, number]>;
  if (points.length < 2) return undefined;
  const meanT = points.reduce((sum, [t]) => sum + t, 0) / points.length;
  const meanV = points.reduce((sum, [, v]) => sum + v, 0) / points.length;
  const spread = points.reduce((sum, [t]) => sum + (t - meanT) ** 2, 0);
  if (spread === 0) return undefined;
  const slope = points.reduce((sum, [t, v]) => sum + (t - meanT) * (v - meanV), 0) / spread;
  return slope * 3600;
}

/**
 * How much a figure may rise from the first window to the last and still be flat: `percent` of
 * the first window's mean, or `absolute` (in the figure's unit) when that is more, since small
 * figures wobble by more than a percentage. A fall is always flat.
 */
export interface FlatnessRule {
  percent: number;
  absolute: number;
}

export interface Flatness {
  first: number;
  last: number;
  rise: number;
  risePercent: number;
  /** Least squares over everything after the warm-up, per hour. */
  slopePerHour?: number;
  /** The rise allowed by the rule. */
  allowedRise: number;
  flat: boolean;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The curve judged by the rule; undefined when a window holds no measurement. */
export function flatness(curve: Curve, windows: Windows, rule: FlatnessRule): Flatness | undefined {
  const first = meanIn(curve, windows.first);
  const last = meanIn(curve, windows.last);
  if (first === undefined || last === undefined) return undefined;
  const allowedRise = Math.max((first * rule.percent) / 100, rule.absolute);
  const slope = slopePerHour(curve, windows.warmupSeconds);
  return {
    first: round(first),
    last: round(last),
    rise: round(last - first),
    risePercent: first > 0 ? round(((last - first) / first) * 100, 1) : 0,
    slopePerHour: slope === undefined ? undefined : round(slope),
    allowedRise: round(allowedRise),
    flat: last - first <= allowedRise,
  };
}

/** The largest measured value from `from` on (0 when none). */
export function maxFrom(curve: Curve, from = 0): number {
  return Math.max(0, ...curve.filter(([t, v]) => t >= from && v !== null).map(([, v]) => v!));
}
