import { setTimeout as sleep } from 'node:timers/promises';

/** What one item of a group came to: its own value, or its own failure. */
export type GroupOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> {
  item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** The most items one write takes. */
  maxGroup: number;
  /**
   * The least time between the starts of two writes, for a store whose writes need not be
   * immediate: under load, fewer and larger writes. An item submitted after a quiet spell is
   * still written at once.
   */
  lingerMs?: number;
}

/**
 * Group commit: items submitted while a write is in flight go together in the next write, and
 * each submitter learns its own outcome. Under load this turns one database write per item into
 * one per group, which is what lets a single-writer store (FerretDB on SQLite) keep up; an idle
 * store is written at once, with whatever was submitted in the same tick.
 *
 * `write` answers one outcome per item, in order; if it throws, every item of its group fails
 * with that error.
 */
export class GroupCommit<T, R> {
  private readonly queue: Waiting<T, R>[] = [];
  private writing = false;
  private lastWriteStartedAt = -Infinity;

  constructor(
    private readonly write: (items: T[]) => Promise<GroupOutcome<R>[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // Same-tick submissions join the first group.
      const wait = this.lingerLeft();
      if (wait > 0) setTimeout(() => void this.flush(), wait);
      else setImmediate(() => void this.flush());
    });
  }

  private lingerLeft(): number {
    return this.lastWriteStartedAt + (this.options.lingerMs ?? 0) - performance.now();
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const wait = this.lingerLeft();
      if (wait > 0) await sleep(wait);
      this.lastWriteStartedAt = performance.now();
      const group = this.queue.splice(0, this.options.maxGroup);
      try {
        const outcomes = await this.write(group.map((waiting) => waiting.item));
        group.forEach((waiting, index) => {
          const outcome = outcomes[index];
          if (outcome.ok) waiting.resolve(outcome.value);
          else waiting.reject(outcome.error);
        });
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.writing = false;
  }
}
