/**
 * `npm run bench:soak`: an hour at a steady load (issue 23): visitors send `--rate` messages a
 * second to their agents through nginx while `--idle` more widget sockets stay open and silent.
 * Every `--sample-seconds` it records each process's resident memory, CPU and event-loop delay,
 * Redis's memory, chat's outbox and the consumer groups' lag (bench/soak/sampler.ts). The load
 * runs in slices of `--slice-seconds`, each with its own delivery figures, so that the load
 * generator's bookkeeping (a few entries per message) is let go every slice and stays flat too;
 * between slices, agents whose token is running out reconnect with a refreshed one, as the
 * dashboard does. At the end: the verdict on flatness (bench/soak/verdict.ts), the report as
 * JSON and the curves as a PNG beside it (.data/bench/soak-<time>.json and .png).
 * Started by scripts/bench/soak.sh, which runs the stack. Exits 0 whether or not the curves are
 * flat (it is a benchmark), 1 when the run itself failed.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { openIdleSockets, type IdleSockets } from '../chat/idle';
import { atRate, connect, type LoadResult } from '../chat/load';
import { parleyTarget } from '../chat/parley-target';
import { stackProcesses } from '../process-cpu';
import {
  log,
  machine,
  reportFile,
  runBenchmark,
  waitForQuietMachine,
  writeReport,
} from '../report';
import { EventLoopDelayMonitor } from '../../libs/platform/src/metrics/event-loop-delay';
import { DisconnectTally, renewExpiringAgents } from './agents';
import { renderChartPng } from './chart';
import { comparisonWindows } from './flatness';
import { soakPanels } from './panels';
import { StackProbes } from './probes';
import { type Sample, Sampler, type SliceSummary } from './sampler';
import { type Drain, judge, type SliceFigures } from './verdict';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    rate: { type: 'string', default: '300' },
    idle: { type: 'string', default: '2000' },
    'sample-seconds': { type: 'string', default: '10' },
    'slice-seconds': { type: 'string', default: '60' },
    // Minutes at the start left out of the comparison (JIT, pools, caches), and the length of the
    // two windows compared: the first after the warm-up, and the last (both shrunk for short runs).
    warmup: { type: 'string', default: '5' },
    window: { type: 'string', default: '10' },
    // The senders and the agents they write to (each agent joins its share of the rooms).
    visitors: { type: 'string', default: '200' },
    agents: { type: 'string', default: '10' },
    // Seconds to wait, after the load, for the outbox and the consumer groups to catch up.
    drain: { type: 'string', default: '60' },
    base: { type: 'string', default: 'http://127.0.0.1:8080' },
    // The services, `name=http://host:port` comma-separated (their own ports: the event-loop
    // delay is not served through nginx); soak.sh passes the stack's.
    services: { type: 'string' },
    // Where the idle sockets connect: the chat replicas' own ports, comma-separated (see below).
    'idle-urls': { type: 'string' },
    'run-dir': { type: 'string', default: '.data/run' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    // Chat's database: its ledger of owed events in Redis is named after it.
    'chat-database': { type: 'string', default: 'parley_chat' },
    'seal-key': { type: 'string' },
    out: { type: 'string', default: '.data/bench' },
  },
});
if (!args['seal-key'])
  throw new Error("--seal-key is required: the services' NOTIFICATION_SEAL_KEY");
if (!args.services) throw new Error('--services is required: name=url,… of the services');
const minutes = Number(args.minutes);
const rate = Number(args.rate);
const idleCount = Number(args.idle);
const sampleSeconds = Number(args['sample-seconds']);
const sliceSeconds = Number(args['slice-seconds']);
const visitorCount = Number(args.visitors);
const agentCount = Number(args.agents);
const services = new Map(
  args.services.split(',').map((entry) => {
    const [name, url] = entry.split('=');
    return [name.trim(), url.trim()] as const;
  }),
);
/*
 * The idle sockets connect to the chat replicas directly, half each, not through nginx: the local
 * nginx has 2 workers of 1,024 connections, and a proxied socket takes two (the visitor's and
 * the upstream's), so 2,000 more would not fit. Each has a widget session (a room) of its own,
 * which no agent joins: a visitor with the widget open, saying nothing.
 */
const idleUrls = (args['idle-urls'] ?? '').split(',').filter(Boolean);
if (idleCount > 0 && idleUrls.length === 0)
  throw new Error('--idle-urls is required with --idle: the chat replicas, comma-separated');
for (const name of ['minutes', 'rate', 'sample-seconds', 'slice-seconds'] as const)
  if (!(Number(args[name]) > 0)) throw new Error(`--${name} must be a positive number`);

/** A slice's load as the report keeps it: its totals and percentiles, not its per-second lists. */
function sliceFigures(
  index: number,
  from: number,
  to: number,
  load: LoadResult,
  agentsRenewed: number,
): SliceFigures {
  return {
    index,
    from: Math.round(from * 10) / 10,
    to: Math.round(to * 10) / 10,
    sent: load.sent,
    acked: load.acked,
    refused: load.refused,
    received: load.acked - load.undelivered,
    undelivered: load.undelivered,
    duplicates: load.duplicates,
    deliveryMs: load.deliveryMs,
    ackMs: load.ackMs,
    worstSecondP99Ms: Math.max(0, ...load.p99DeliveryMsBySecond),
    generatorLoopDelayMs: load.generatorLoopDelayMs,
    agentsRenewed,
  };
}

/**
 * Waits up to `--drain` seconds for the outbox and the ledger to empty and every consumer group
 * to be back at its lag before the load; what was left at the end.
 */
async function drained(probes: StackProbes, lagBefore: Record<string, number>): Promise<Drain> {
  const started = Date.now();
  for (;;) {
    const [redis, lag] = await Promise.all([
      probes.redisFigures().catch(() => undefined),
      probes.kafkaLag().catch(() => undefined),
    ]);
    const caughtUp =
      redis !== undefined &&
      lag !== undefined &&
      redis.outboxBacklog === 0 &&
      redis.unpublishedMessages === 0 &&
      Object.entries(lag).every(([group, behind]) => behind <= (lagBefore[group] ?? 0));
    const waited = Date.now() - started;
    if (caughtUp || waited > Number(args.drain) * 1000)
      return {
        drainedAfterMs: caughtUp ? waited : false,
        outboxBacklog: redis?.outboxBacklog,
        unpublishedMessages: redis?.unpublishedMessages,
        kafkaLag: lag,
      };
    await sleep(1000);
  }
}

async function main(): Promise<void> {
  log(
    `setting up ${visitorCount} visitors, ${agentCount} agents and ${idleCount} idle widget ` +
      `sessions through ${args.base}`,
  );
  const target = await parleyTarget({
    base: args.base!,
    visitors: visitorCount,
    agents: agentCount,
    sealKey: args['seal-key']!,
    assignment: 'join',
  });
  const idleVisitors = idleCount > 0 ? await target.openVisitors(idleCount, 'idle') : [];
  // The set-up took a while: the agents connect with tokens fresh from a refresh.
  for (const [index, agent] of target.agents.entries())
    agent.auth = { token: await target.refreshAgentToken(index) };
  const connected = await connect(target);
  const tokens = target.agents.map((agent) => String(agent.auth.token));
  const disconnects = new DisconnectTally();
  for (const socket of connected.agents) disconnects.watch(socket, 'agent');
  for (const visitor of connected.visitors) disconnects.watch(visitor.socket, 'visitor');

  const idle: IdleSockets[] = await Promise.all(
    idleUrls.map((url, replica) => {
      const share = idleVisitors.filter((_, index) => index % idleUrls.length === replica);
      return openIdleSockets({
        url,
        auths: share.map((visitor) => visitor.auth),
        count: share.length,
      });
    }),
  );
  const idleOpened = idle.reduce((sum, sockets) => sum + sockets.connected, 0);
  log(
    `${connected.visitors.length} visitors and ${connected.agents.length} agents connected; ` +
      `${idleOpened} idle sockets open, ${idle.reduce((sum, s) => sum + s.failed, 0)} failed`,
  );

  const probes = await StackProbes.connect({
    redisUrl: args['redis-url']!,
    brokers: args.brokers!.split(','),
    chatDatabase: args['chat-database']!,
  });
  const ownLoop = new EventLoopDelayMonitor();
  const sampler = new Sampler({
    processes: new Map([...stackProcesses(args['run-dir']!), ['bench', process.pid]]),
    services,
    ownLoops: new Map([['bench', () => ownLoop.read()]]),
    probes,
    idleConnected: async () =>
      (await Promise.all(idle.map((sockets) => sockets.stillConnected()))).reduce(
        (sum, n) => sum + n,
        0,
      ),
  });
  log(`waited ${await waitForQuietMachine()} s for the machine to settle`);

  const samples: Sample[] = [];
  const slices: SliceFigures[] = [];
  let lastSlice: SliceSummary | undefined;
  await sampler.restart();
  await sleep(Math.min(5, sampleSeconds) * 1000);
  samples.push(await sampler.take('before', 0));

  const totalSeconds = minutes * 60;
  log(
    `soak: ${minutes} min at ${rate} msg/s, ${idleOpened} idle sockets, a sample every ` +
      `${sampleSeconds} s, slices of ${sliceSeconds} s`,
  );
  const startedAt = performance.now();
  const elapsed = () => (performance.now() - startedAt) / 1000;
  let loading = true;
  const sampling = (async () => {
    let due = sampleSeconds;
    while (loading) {
      if (elapsed() < due) {
        await sleep(Math.min(500, (due - elapsed()) * 1000));
        continue;
      }
      samples.push(await sampler.take('load', elapsed(), lastSlice));
      due = (Math.floor(elapsed() / sampleSeconds) + 1) * sampleSeconds;
    }
  })();

  let renewals = 0;
  // A failure mid-run still leaves the curves so far in the report (and the run exits 1).
  let loadError: Error | undefined;
  try {
    while (totalSeconds - elapsed() >= 1) {
      const renewed = await renewExpiringAgents({
        url: target.url,
        connected,
        tokens,
        refresh: (index) => target.refreshAgentToken(index),
        // Past the slice and the wait for its last deliveries.
        withinMs: (sliceSeconds + 60) * 1000,
        disconnects,
      });
      renewals += renewed;
      const from = elapsed();
      const load = await atRate(connected, rate, Math.min(sliceSeconds, totalSeconds - from));
      const slice = sliceFigures(slices.length, from, elapsed(), load, renewed);
      slices.push(slice);
      lastSlice = {
        index: slice.index,
        p50Ms: slice.deliveryMs.p50,
        p99Ms: slice.deliveryMs.p99,
        acked: slice.acked,
        received: slice.received,
      };
      log(
        `slice ${slice.index} (${Math.round(slice.to / 60)} of ${minutes} min): ` +
          `${slice.acked} acked, ${slice.received} received, p50 ${slice.deliveryMs.p50} ms, ` +
          `p99 ${slice.deliveryMs.p99} ms` +
          (renewed ? `; ${renewed} agents reconnected with refreshed tokens` : ''),
      );
    }
  } catch (error) {
    loadError = error as Error;
    log(`the load stopped after ${Math.round(elapsed())} s: ${loadError.message}`);
  } finally {
    loading = false;
    await sampling;
  }
  const loadSeconds = elapsed();

  log(`load over after ${Math.round(loadSeconds)} s; waiting for the outbox and the consumers`);
  const drain = await drained(probes, samples[0].kafkaLag ?? {});
  samples.push(await sampler.take('after', elapsed(), lastSlice));
  sampler.stop();
  connected.close();
  await Promise.all(idle.map((sockets) => sockets.close()));
  await probes.close();

  const windows = comparisonWindows(
    loadSeconds,
    Number(args.warmup) * 60,
    Number(args.window) * 60,
  );
  const result = judge({
    samples,
    slices,
    windows,
    rate,
    servers: [...services.keys()],
    idleOpened,
    disconnects: disconnects.reasons,
    drain,
  });
  if (loadError) {
    result.failures.unshift(
      `the load stopped after ${Math.round(loadSeconds)} s: ${loadError.message}`,
    );
    result.flat = false;
  }
  const verdict =
    `soak: ${minutes} min at ${rate} msg/s with ${idleOpened} idle sockets: ` +
    (result.flat ? 'flat' : `not flat (${result.failures.join('; ')})`) +
    (result.doubts.length ? `; doubtful: ${result.doubts.join('; ')}` : '');

  const at = new Date().toISOString();
  const chart = reportFile(args.out!, 'soak', at, 'png');
  let chartError: string | undefined;
  try {
    await renderChartPng(chart, {
      title: `Parley soak, ${at}: ${minutes} min at ${rate} msg/s, ${idleOpened} idle sockets`,
      notes: [
        `${visitorCount} visitors → ${agentCount} agents through nginx; a sample every ` +
          `${sampleSeconds} s; slices of ${sliceSeconds} s; ${renewals} agent reconnects ` +
          'with refreshed tokens.',
        `Compared: minutes ${windows.first.map((s) => Math.round(s / 6) / 10).join('–')} ` +
          `against ${windows.last.map((s) => Math.round(s / 6) / 10).join('–')} ` +
          `(warm-up ${Math.round(windows.warmupSeconds / 6) / 10} min left out).`,
        verdict,
      ],
      xLabel: 'minutes since the load started',
      panels: soakPanels(samples, slices),
    });
  } catch (error) {
    chartError = (error as Error).message;
    log(`the chart could not be drawn: ${chartError}`);
  }

  const report = {
    at,
    machine: machine(),
    minutes,
    rate,
    visitors: visitorCount,
    agents: agentCount,
    idle: { asked: idleCount, opened: idleOpened, urls: idleUrls },
    sampleSeconds,
    sliceSeconds,
    agentRenewals: renewals,
    verdict,
    result,
    drain,
    chart: chartError ? undefined : chart,
    chartError,
    slices,
    samples,
  };
  writeReport(args.out!, 'soak', report);
  log(verdict);
  if (loadError) throw loadError;
}

runBenchmark(main);
