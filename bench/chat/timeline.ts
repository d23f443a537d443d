/**
 * What the stack did, second by second, while a phase of bench:chat ran: where a cold tail comes
 * from. Each point holds the CPU of every process of the stack, the services' event-loop delay,
 * chat's outbox and the consumer groups' lag (see the soak's Sampler, which reads them).
 */
import { type StackProbes } from '../soak/probes';
import { type Sample, type Sampler } from '../soak/sampler';

export interface TimelinePoint {
  /** Seconds since the phase started. */
  t: number;
  machineBusyPercent?: number;
  /** % of one core per process over the interval, the busiest first. */
  cpuPercent: Record<string, number>;
  /** Each service's event-loop delay over the interval: its p99 and worst, in ms. */
  eventLoopMs: Record<string, { p99: number; max: number }>;
  outboxBacklog?: number;
  /** Consumer groups behind, and by how many events (those caught up left out). */
  kafkaLag?: Record<string, number>;
}

/** What waited in the stack when a phase began: the events still to be relayed and consumed. */
export interface Backlog {
  outboxBacklog?: number;
  unpublishedMessages?: number;
  kafkaLagTotal?: number;
  kafkaLag?: Record<string, number>;
}

function point(sample: Sample, startedAt: number): TimelinePoint {
  const entries = Object.entries(sample.processes);
  return {
    t: Math.round((Date.parse(sample.at) - startedAt) / 100) / 10,
    machineBusyPercent: sample.machineBusyPercent,
    cpuPercent: Object.fromEntries(
      entries
        .filter(([, figures]) => (figures.cpuPercent ?? 0) > 0)
        .map(([name, figures]) => [name, figures.cpuPercent!] as const)
        .sort(([, a], [, b]) => b - a),
    ),
    eventLoopMs: Object.fromEntries(
      entries
        .filter(([, figures]) => figures.eventLoop)
        .map(([name, { eventLoop }]) => [name, { p99: eventLoop!.p99Ms, max: eventLoop!.maxMs }]),
    ),
    outboxBacklog: sample.redis?.outboxBacklog,
    kafkaLag:
      sample.kafkaLag &&
      Object.fromEntries(Object.entries(sample.kafkaLag).filter(([, lag]) => lag > 0)),
  };
}

/** Runs `phase` while sampling the stack every `everySeconds`; the phase's result and the points. */
export async function withTimeline<T>(
  sampler: Sampler,
  everySeconds: number,
  phase: () => Promise<T>,
): Promise<{ result: T; timeline: TimelinePoint[] }> {
  await sampler.restart();
  const startedAt = Date.now();
  const samples: Array<Promise<Sample>> = [];
  const timer = setInterval(
    () => samples.push(sampler.take('load', (Date.now() - startedAt) / 1000)),
    everySeconds * 1000,
  );
  try {
    const result = await phase();
    return { result, timeline: (await Promise.all(samples)).map((s) => point(s, startedAt)) };
  } finally {
    clearInterval(timer);
  }
}

export async function backlog(probes: StackProbes): Promise<Backlog> {
  const [redis, lag] = await Promise.all([
    probes.redisFigures().catch(() => undefined),
    probes.kafkaLag().catch(() => undefined),
  ]);
  return {
    outboxBacklog: redis?.outboxBacklog,
    unpublishedMessages: redis?.unpublishedMessages,
    kafkaLagTotal: lag && Object.values(lag).reduce((sum, behind) => sum + behind, 0),
    kafkaLag: lag && Object.fromEntries(Object.entries(lag).filter(([, behind]) => behind > 0)),
  };
}

/**
 * Waits (up to `maxSeconds`) until nothing waits in the outbox or behind a consumer group: the
 * stack has worked through what the set-up produced. How long that took, and what was left.
 */
export async function drainedBacklog(
  probes: StackProbes,
  maxSeconds: number,
): Promise<{ waitedSeconds: number; left: Backlog }> {
  const started = Date.now();
  for (;;) {
    const left = await backlog(probes);
    const waitedSeconds = Math.round((Date.now() - started) / 1000);
    const empty = left.outboxBacklog === 0 && left.kafkaLagTotal === 0;
    if (empty || waitedSeconds >= maxSeconds) return { waitedSeconds, left };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
