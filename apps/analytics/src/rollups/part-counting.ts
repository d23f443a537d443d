/** A counter to add one to (or `by`), and the message (its partition offset) it comes from. */
export interface CounterStep {
  counter: string;
  offset: number;
  /** -1 takes a replaced fact out (a CSAT rating a later one replaced). Default 1. */
  by?: number;
}

/** A partition's part of a day: its counts, and the last offset counted into them. */
export interface PartCounts {
  offset: number;
  counts: Record<string, number>;
}

/**
 * The part once `steps` are counted into it: one (or the step's `by`) added to each step's
 * counter, skipping the steps at or below the offset the part has counted to (a replayed or
 * redelivered batch), and
 * the offset moved to the last step counted. Null when every step was counted before.
 */
export function countSteps(part: PartCounts | undefined, steps: CounterStep[]): PartCounts | null {
  const counted = part?.offset ?? -1;
  const fresh = steps.filter((step) => step.offset > counted);
  if (fresh.length === 0) return null;
  const counts = { ...part?.counts };
  for (const step of fresh) counts[step.counter] = (counts[step.counter] ?? 0) + (step.by ?? 1);
  return { offset: Math.max(...fresh.map((step) => step.offset)), counts };
}
