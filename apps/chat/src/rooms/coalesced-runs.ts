import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs work per key at most once at a time, with at most one more run waiting behind it: callers
 * that come while a run is going share the next one, which starts when that run ends. Each
 * caller's promise settles with a run that started after it called, so it sees its own change.
 * Used for work whose later run supersedes the earlier ones (sending the queue's state: a flood
 * of changes costs two sends, not one per change). With spacing, back-to-back runs leave the
 * resources they use that much rest between them.
 */
export class CoalescedRuns {
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Promise<void>>();
  /** `spacingMs`: a waiting run starts this long after the one before it ended. */
  constructor(private readonly spacingMs = 0) {}

  run(key: string, work: () => Promise<void>): Promise<void> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting;
    const running = this.running.get(key);
    if (!running) return this.start(key, work);
    const next = running
      .catch(() => undefined)
      .then(() => (this.spacingMs > 0 ? sleep(this.spacingMs) : undefined))
      .then(() => {
        this.waiting.delete(key);
        return this.start(key, work);
      });
    this.waiting.set(key, next);
    return next;
  }

  private start(key: string, work: () => Promise<void>): Promise<void> {
    const run: Promise<void> = work().finally(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
    this.running.set(key, run);
    return run;
  }
}
