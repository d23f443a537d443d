/**
 * The soak's verdict: flat when every server process's RSS and event-loop delay p99, Redis's
 * memory and the delivery p99 rose no more than their rule allows from the first window after the
 * warm-up to the last; the outbox stayed drained (never more than a second's events waiting,
 * empty once the load stopped) and every consumer group caught up; nothing lost, refused or
 * doubled, and no socket dropped. What makes the run itself doubtful is listed apart.
 */
import {
  type Curve,
  flatness,
  type Flatness,
  type FlatnessRule,
  maxFrom,
  type Windows,
} from './flatness';
import { type Sample } from './sampler';

/** The rises allowed (see FlatnessRule): judgement, written down so a reader can disagree. */
export const RULES = {
  rssMb: { percent: 10, absolute: 20 },
  eventLoopP99Ms: { percent: 50, absolute: 5 },
  redisUsedMemoryMb: { percent: 10, absolute: 10 },
  deliveryP99Ms: { percent: 50, absolute: 10 },
} satisfies Record<string, FlatnessRule>;

/** A slice of the load, as the verdict and the chart read it. */
export interface SliceFigures {
  index: number;
  /** Seconds since the load started. */
  from: number;
  to: number;
  sent: number;
  acked: number;
  refused: number;
  received: number;
  undelivered: number;
  duplicates: number;
  deliveryMs: { p50: number; p95: number; p99: number; max: number };
  ackMs: { p50: number; p95: number; p99: number; max: number };
  worstSecondP99Ms: number;
  generatorLoopDelayMs: { p99: number; max: number };
  /** Agents given a refreshed token and a new socket before the slice. */
  agentsRenewed: number;
}

/** What was waiting once the load stopped, after the drain wait. */
export interface Drain {
  /**
   * ms after the load stopped until the outbox and the ledger were empty and every group's lag
   * back where it was before the load; false: not within the wait.
   */
  drainedAfterMs: number | false;
  outboxBacklog?: number;
  unpublishedMessages?: number;
  kafkaLag?: Record<string, number>;
}

/** Curves of the samples, by what they measure (the chart draws the same). */
export const curves = {
  process: (
    samples: Sample[],
    name: string,
    read: (p: Sample['processes'][string]) => number | undefined,
  ): Curve =>
    samples.map((s) => [s.t, s.processes[name] ? (read(s.processes[name]) ?? null) : null]),
  of: (samples: Sample[], read: (s: Sample) => number | undefined): Curve =>
    samples.map((s) => [s.t, read(s) ?? null]),
  slices: (slices: SliceFigures[], read: (s: SliceFigures) => number): Curve =>
    slices.map((s) => [(s.from + s.to) / 2, read(s)]),
};

export function judge(input: {
  samples: Sample[];
  slices: SliceFigures[];
  windows: Windows;
  rate: number;
  /** The server processes judged (the services); the others are reported only. */
  servers: string[];
  idleOpened: number;
  disconnects: Record<string, number>;
  drain: Drain;
}) {
  const { samples, slices, windows, rate } = input;
  const loadSamples = samples.filter((s) => s.phase !== 'after');
  const before = samples.find((s) => s.phase === 'before');
  const lastUnderLoad = samples.filter((s) => s.phase === 'load').at(-1);
  const judged = (curve: Curve, rule: FlatnessRule) => flatness(curve, windows, rule);
  const perProcess = (
    names: string[],
    read: (p: Sample['processes'][string]) => number | undefined,
    rule: FlatnessRule,
  ) =>
    Object.fromEntries(
      names
        .map((name) => [name, judged(curves.process(loadSamples, name, read), rule)] as const)
        .filter((entry): entry is readonly [string, Flatness] => entry[1] !== undefined),
    );
  const everyProcess = [...new Set(samples.flatMap((s) => Object.keys(s.processes)))];
  const rss = perProcess(everyProcess, (p) => p.rssMb, RULES.rssMb);
  const eventLoopP99 = perProcess(everyProcess, (p) => p.eventLoop?.p99Ms, RULES.eventLoopP99Ms);
  const redisUsedMemory = judged(
    curves.of(loadSamples, (s) => s.redis?.usedMemoryMb),
    RULES.redisUsedMemoryMb,
  );
  const deliveryP99 = judged(
    curves.slices(slices, (s) => s.deliveryMs.p99),
    RULES.deliveryP99Ms,
  );
  const outboxCurve = curves.of(loadSamples, (s) => s.redis?.outboxBacklog);
  const ledgerCurve = curves.of(loadSamples, (s) => s.redis?.unpublishedMessages);
  const outbox = {
    maxUnderLoad: maxFrom(outboxCurve),
    atLastSampleUnderLoad: lastUnderLoad?.redis?.outboxBacklog,
    afterDrain: input.drain.outboxBacklog,
    oldestAgeMsMaxUnderLoad: maxFrom(curves.of(loadSamples, (s) => s.redis?.outboxOldestAgeMs)),
    unpublishedMaxUnderLoad: maxFrom(ledgerCurve),
    unpublishedAfterDrain: input.drain.unpublishedMessages,
  };
  const lagAfter = input.drain.kafkaLag ?? {};
  const lagBefore = before?.kafkaLag ?? {};
  const kafkaLag = {
    maxTotalUnderLoad: maxFrom(curves.of(loadSamples, (s) => s.kafkaLagTotal)),
    atLastSampleUnderLoad: lastUnderLoad?.kafkaLag,
    afterDrain: input.drain.kafkaLag,
    drainedAfterMs: input.drain.drainedAfterMs,
    // A group is behind when it has more to read than before the load began.
    behind: Object.entries(lagAfter)
      .filter(([group, lag]) => lag > (lagBefore[group] ?? 0))
      .map(([group, lag]) => `${group} ${lag}`),
  };
  const sum = (read: (s: SliceFigures) => number) =>
    slices.reduce((total, s) => total + read(s), 0);
  const messages = {
    sent: sum((s) => s.sent),
    acked: sum((s) => s.acked),
    received: sum((s) => s.received),
    refused: sum((s) => s.refused),
    undelivered: sum((s) => s.undelivered),
    duplicates: sum((s) => s.duplicates),
    loadSeconds: Math.round(slices.at(-1)?.to ?? 0),
    ackedPerSecond: Math.round(
      sum((s) => s.acked) /
        Math.max(
          1,
          sum((s) => s.to - s.from),
        ),
    ),
  };
  const idleAtEnd = lastUnderLoad?.idleConnected;
  const disconnected = Object.values(input.disconnects).reduce((total, n) => total + n, 0);

  const risen = (what: string, figure: Flatness | undefined, unit: string) =>
    figure && !figure.flat
      ? `${what} rose ${figure.rise} ${unit} (${figure.risePercent} %, allowed ${figure.allowedRise} ${unit}): ${figure.first} → ${figure.last}`
      : false;
  const failures = [
    ...input.servers.map((name) => risen(`${name} RSS`, rss[name], 'MB')),
    ...input.servers.map((name) => risen(`${name} event-loop p99`, eventLoopP99[name], 'ms')),
    risen('Redis used_memory', redisUsedMemory, 'MB'),
    risen('delivery p99', deliveryP99, 'ms'),
    outbox.maxUnderLoad > rate &&
      `the outbox held up to ${outbox.maxUnderLoad} events under load (more than a second's ${rate})`,
    (outbox.afterDrain ?? 0) > 0 &&
      `${outbox.afterDrain} events still in the outbox after the load`,
    (outbox.unpublishedAfterDrain ?? 0) > 0 &&
      `${outbox.unpublishedAfterDrain} messages still owed their event after the load`,
    kafkaLag.behind.length > 0 &&
      `consumer groups behind after the load: ${kafkaLag.behind.join(', ')}`,
    messages.undelivered > 0 && `${messages.undelivered} acked messages never reached their agent`,
    messages.refused > 0 && `${messages.refused} messages refused or unanswered`,
    messages.duplicates > 0 && `${messages.duplicates} messages delivered twice`,
    idleAtEnd !== undefined &&
      idleAtEnd < input.idleOpened &&
      `${input.idleOpened - idleAtEnd} of ${input.idleOpened} idle sockets closed during the run`,
    disconnected > 0 && `sockets dropped: ${JSON.stringify(input.disconnects)}`,
  ].filter((failure): failure is string => Boolean(failure));

  const loadMachine = loadSamples.map((s) => s.machineBusyPercent ?? 0);
  const machineBusyMean = Math.round(
    loadMachine.reduce((a, b) => a + b, 0) / Math.max(1, loadMachine.length),
  );
  const sampleErrors = samples.reduce((total, s) => total + (s.errors?.length ?? 0), 0);
  const generatorWorst = Math.max(0, ...slices.map((s) => s.generatorLoopDelayMs.p99));
  const doubts = [
    risen('the load generator RSS', rss.bench, 'MB'),
    messages.ackedPerSecond < 0.95 * rate &&
      `the load reached ${messages.ackedPerSecond} of ${rate} acked messages a second`,
    generatorWorst > 50 &&
      `the load generator's own event loop was late by up to ${generatorWorst} ms (p99 of a slice)`,
    machineBusyMean >= 90 && `the machine was ${machineBusyMean} % busy on average`,
    sampleErrors > 0 && `${sampleErrors} figures could not be read (see the samples' errors)`,
  ].filter((doubt): doubt is string => Boolean(doubt));

  return {
    flat: failures.length === 0,
    failures,
    doubts,
    windows,
    rules: RULES,
    rss,
    eventLoopP99,
    redisUsedMemory,
    deliveryP99,
    outbox,
    kafkaLag,
    messages,
    idleSockets: { opened: input.idleOpened, atEnd: idleAtEnd },
    disconnects: input.disconnects,
    machineBusyMeanPercent: machineBusyMean,
  };
}
