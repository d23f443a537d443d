import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The noisy tenant's clients, as the worker connects them (tokens from its set-up). */
export interface FloodClients {
  url: string;
  visitorTokens: string[];
  agents: Array<{ auth: Record<string, unknown>; roomIds: string[] }>;
}

/** What the noisy tenant tried during one flood, and what became of it. */
export interface FloodResult {
  seconds: number;
  attempted: number;
  attemptedPerSecond: number;
  /** Acked with a seq: stored and sent on. */
  admitted: number;
  admittedPerSecond: number;
  /** The most acks in one second of the flood (by when they came): the tenant limit at work. */
  busiestSecondAdmitted: number;
  /** Refused with `rate_limited`. */
  rateLimited: number;
  rateLimitedPerSecond: number;
  /** Any other answer, by its error code, and sends that got no answer at all. */
  otherErrors: Record<string, number>;
  /** Sockets that closed during the flood, by socket.io's reason (`io server disconnect`: cut off). */
  disconnects: Record<string, number>;
  /** Sends that fell due on a socket already closed, so were not made. */
  skippedOnClosedSockets: number;
}

export type FloodCommand = { kind: 'flood'; rate: number; seconds: number } | { kind: 'close' };
export type FloodReport =
  | { kind: 'ready'; visitors: number; agents: number }
  | { kind: 'result'; result: FloodResult }
  | { kind: 'closed' };

/**
 * The noisy tenant in a thread of its own (flood-worker.ts): the main thread times the quiet
 * tenants' messages, and thousands of sends and acks a second on its own event loop would
 * delay those timings and be counted against the server.
 */
export class Flood {
  private failure?: Error;

  private constructor(private readonly worker: Worker) {
    worker.on('error', (error) => {
      this.failure = error;
    });
  }

  /** Starts the worker and waits until it has connected every client. */
  static async start(clients: FloodClients): Promise<Flood> {
    const flood = new Flood(
      new Worker(resolve(__dirname, 'flood-worker.js'), { workerData: clients }),
    );
    await flood.next('ready');
    return flood;
  }

  /** Floods at `rate` sends a second for `seconds`, then waits for the last answers. */
  async run(rate: number, seconds: number): Promise<FloodResult> {
    const answer = this.next('result');
    this.command({ kind: 'flood', rate, seconds });
    return (await answer).result;
  }

  async close(): Promise<void> {
    const closed = this.next('closed');
    this.command({ kind: 'close' });
    await closed;
    await this.worker.terminate();
  }

  private command(command: FloodCommand): void {
    this.worker.postMessage(command);
  }

  /** The worker's next report of this kind; rejects when the worker failed or exited. */
  private next<K extends FloodReport['kind']>(kind: K): Promise<Extract<FloodReport, { kind: K }>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const done = () => {
        this.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const onMessage = (report: FloodReport) => {
        if (report.kind !== kind) return;
        done();
        resolve(report as Extract<FloodReport, { kind: K }>);
      };
      const onError = (error: Error) => {
        done();
        reject(error);
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`the flood's worker exited (code ${code})`));
      };
      this.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  }
}
