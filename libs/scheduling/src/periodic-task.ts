import { Logger } from '@nestjs/common';

/** What one run of a periodic task answers: `true` when there may be more work right away. */
export type RunOutcome = boolean | void;

/**
 * Work that runs every `everyMs` on each replica (sweeps, heartbeats, jobs), never two runs of it
 * at once in one process. A run asked for while one is in flight happens right after it, and a run
 * that answers `true` is followed by another at once, so a backlog drains without waiting for the
 * interval. A failed run is logged and the next interval tries again. The timer does not keep
 * the process alive, and `stop` waits for the run in flight.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly work: () => Promise<RunOutcome>,
    logger?: Logger,
  ) {
    this.logger = logger ?? new Logger(name);
  }

  /** Starts the interval; with `immediately`, the first run is now rather than after `everyMs`. */
  start(options: { immediately?: boolean } = {}): void {
    this.stopped = false;
    this.timer = setInterval(() => this.trigger(), this.everyMs);
    this.timer.unref();
    if (options.immediately) this.trigger();
  }

  /** Runs now, or right after the run in flight. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilIdle().finally(() => (this.running = undefined));
  }

  /** Runs when `at` comes, for a deadline this process knows that is sooner than the interval. */
  triggerAt(at: Date): void {
    setTimeout(() => this.trigger(), Math.max(0, at.getTime() - Date.now())).unref();
  }

  /** The run in flight, if any, to wait for. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async runUntilIdle(): Promise<void> {
    do {
      this.again = false;
      try {
        if ((await this.work()) === true) this.again = true;
      } catch (error) {
        this.logger.warn(`${this.name} failed: ${(error as Error).message}`);
      }
    } while (this.again && !this.stopped);
  }
}
