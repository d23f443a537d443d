/**
 * One sample of the stack every interval of the soak: per process its resident memory, CPU over
 * the interval and event-loop delay over the interval; Redis's memory and chat's outbox; the
 * consumer groups' lag; the idle sockets still open; the last slice's delivery figures. A figure
 * that could not be read is left out and its reason kept in `errors`.
 */
import { rssBytes } from '../chat/idle';
import { CpuSampler } from '../process-cpu';
import { type EventLoopDelay } from '../../libs/platform/src/metrics/event-loop-delay';
import { eventLoopDelay, type RedisFigures, type StackProbes } from './probes';

export interface ProcessSample {
  rssMb?: number;
  /** % of one core over the interval: the mean, and the worst second. */
  cpuPercent?: number;
  cpuMaxPercent?: number;
  eventLoop?: EventLoopDelay;
}

/** The delivery figures of the slice of load last finished. */
export interface SliceSummary {
  index: number;
  p50Ms: number;
  p99Ms: number;
  acked: number;
  received: number;
}

export interface Sample {
  /** Seconds since the load started (0: just before it). */
  t: number;
  at: string;
  /** Before the load, under it, or after it once the drain wait is over. */
  phase: 'before' | 'load' | 'after';
  processes: Record<string, ProcessSample>;
  machineBusyPercent?: number;
  redis?: RedisFigures;
  kafkaLag?: Record<string, number>;
  kafkaLagTotal?: number;
  idleConnected?: number;
  lastSlice?: SliceSummary;
  errors?: string[];
}

const megabytes = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

export class Sampler {
  private cpu: CpuSampler;

  constructor(
    private readonly options: {
      /** Every process to follow (name → pid): the stack's and the benchmark's own. */
      processes: Map<string, number>;
      /** Services whose event-loop delay to read (name → their own base URL). */
      services: Map<string, string>;
      /** The event-loop delay of processes read in-process (the benchmark's own). */
      ownLoops: Map<string, () => EventLoopDelay>;
      probes: StackProbes;
      idleConnected: () => Promise<number>;
    },
  ) {
    this.cpu = new CpuSampler(options.processes);
  }

  /** Starts new windows (CPU, event-loop delay) from now, forgetting what came before. */
  async restart(): Promise<void> {
    this.cpu.stop();
    await Promise.all(
      [...this.options.services.values()].map((url) => eventLoopDelay(url).catch(() => undefined)),
    );
    for (const read of this.options.ownLoops.values()) read();
    this.cpu = new CpuSampler(this.options.processes);
  }

  async take(phase: Sample['phase'], t: number, lastSlice?: SliceSummary): Promise<Sample> {
    const errors: string[] = [];
    const attempt = <T>(what: string, read: () => Promise<T>): Promise<T | undefined> =>
      read().catch((error: Error) => {
        errors.push(`${what}: ${error.message}`);
        return undefined;
      });
    const cpu = this.cpu.stop();
    this.cpu = new CpuSampler(this.options.processes);
    const processes: Record<string, ProcessSample> = {};
    for (const [name, pid] of this.options.processes) {
      const rss = await attempt(`${name} rss`, async () => rssBytes(pid));
      processes[name] = {
        rssMb: rss === undefined ? undefined : megabytes(rss),
        cpuPercent: cpu.processes[name]?.meanPercent,
        cpuMaxPercent: cpu.processes[name]?.maxPercent,
      };
    }
    const [loops, redis, kafkaLag, idleConnected] = await Promise.all([
      Promise.all(
        [...this.options.services].map(async ([name, url]) => {
          const delay = await attempt(`${name} event loop`, () => eventLoopDelay(url));
          return [name, delay] as const;
        }),
      ),
      attempt('redis', () => this.options.probes.redisFigures()),
      attempt('kafka lag', () => this.options.probes.kafkaLag()),
      attempt('idle sockets', this.options.idleConnected),
    ]);
    for (const [name, read] of this.options.ownLoops) loops.push([name, read()]);
    for (const [name, delay] of loops) (processes[name] ??= {}).eventLoop = delay;
    return {
      t: Math.round(t * 10) / 10,
      at: new Date().toISOString(),
      phase,
      processes,
      machineBusyPercent: cpu.machineBusy.meanPercent,
      redis,
      kafkaLag,
      kafkaLagTotal: kafkaLag && Object.values(kafkaLag).reduce((sum, lag) => sum + lag, 0),
      idleConnected,
      lastSlice,
      ...(errors.length ? { errors } : {}),
    };
  }

  stop(): void {
    this.cpu.stop();
  }
}
