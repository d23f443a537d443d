/**
 * `npm run bench:chat`: the chat message path under load, through nginx, against the floor of a
 * bare socket.io relay on the same machine, and idle connections on one chat process.
 * Started by scripts/bench/chat.sh, which runs the stack; prints a report and writes it as JSON.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { idleConnections, type IdleResult } from './idle';
import { atRate, connect, flatOut, type LoadResult } from './load';
import { floorTarget } from './floor-target';
import { type BenchAssignment, parleyTarget } from './parley-target';
import { type Target } from './target';
import {
  backlog,
  drainedBacklog,
  type Backlog,
  type TimelinePoint,
  withTimeline,
} from './timeline';
import { stackProcesses } from '../process-cpu';
import { log, machine, runBenchmark, waitForQuietMachine, writeReport } from '../report';
import { StackProbes } from '../soak/probes';
import { Sampler } from '../soak/sampler';

const { values: args } = parseArgs({
  options: {
    visitors: { type: 'string', default: '200' },
    agents: { type: 'string', default: '10' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
    // Unmeasured sending at the rate before the measured phases: JIT, pools and caches warm up.
    warmup: { type: 'string', default: '5' },
    // Seconds at the rate on the stack as `npm start` left it, the tenant and its visitors just
    // created, before anything else: what the first users see. 0 skips it.
    cold: { type: 'string', default: '20' },
    // When the cold phase starts: right after the set-up (`setup`, as users would), or once the
    // events the set-up produced are relayed and consumed (`drained`): what separates the
    // backlog's share of the cold tail from first use's (JIT, caches, pools).
    'cold-after': { type: 'string', default: 'setup' },
    // With `--timeline`, the cold and the measured at-rate phases carry a timeline of the stack
    // every 2 s (CPU per process, event-loop delay, outbox, consumer lag): what the cold tail is
    // made of. Off by default: its reads (consumer offsets, INFO, each service) cost the machine.
    timeline: { type: 'boolean', default: false },
    // The services, `name=http://host:port` comma-separated, on their own ports (chat.sh passes
    // the stack's), read for the timeline and `--cold-after drained`.
    services: { type: 'string' },
    'run-dir': { type: 'string', default: '.data/run' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    'chat-database': { type: 'string', default: 'parley_chat' },
    idle: { type: 'string', default: '20000' },
    // `parley` alone skips the floor, for a quicker look at Parley.
    targets: { type: 'string', default: 'floor,parley' },
    // How rooms reach agents: the workspace's round-robin assignment rules, or joins in turn.
    assignment: { type: 'string', default: 'round-robin' },
    base: { type: 'string', default: 'http://127.0.0.1:8080' },
    'chat-url': { type: 'string', default: 'http://127.0.0.1:3002' },
    'chat-pid-file': { type: 'string', default: '.data/run/chat.pid' },
    // The services' NOTIFICATION_SEAL_KEY (the bench script passes the stack's own).
    'seal-key': { type: 'string' },
    'mongo-url': { type: 'string', default: 'mongodb://127.0.0.1:27017/' },
    out: { type: 'string', default: '.data/bench' },
  },
});
if (!args['seal-key'])
  throw new Error("--seal-key is required: the services' NOTIFICATION_SEAL_KEY");
const visitors = Number(args.visitors);
const agents = Number(args.agents);
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const warmup = Number(args.warmup);
const coldSeconds = Number(args.cold);
const assignment = args.assignment as BenchAssignment;
if (!['join', 'round-robin'].includes(assignment))
  throw new Error('--assignment is join or round-robin');
const coldAfter = args['cold-after']!;
if (!['setup', 'drained'].includes(coldAfter)) throw new Error('--cold-after is setup or drained');

/** A phase's result, with the stack's timeline while it ran when the stack is observed. */
type Observed = LoadResult & { timeline?: TimelinePoint[]; backlogAtStart?: Backlog };

interface StackObserver {
  probes: StackProbes;
  sampler: Sampler;
}

async function observer(): Promise<StackObserver | undefined> {
  if (!args.services || (!args.timeline && coldAfter !== 'drained')) return undefined;
  const services = new Map(
    args.services.split(',').map((entry) => entry.split('=') as [string, string]),
  );
  const probes = await StackProbes.connect({
    redisUrl: args['redis-url']!,
    brokers: args.brokers!.split(','),
    chatDatabase: args['chat-database']!,
  });
  const sampler = new Sampler({
    processes: new Map([...stackProcesses(args['run-dir']!), ['bench', process.pid]]),
    services,
    ownLoops: new Map(),
    probes,
    idleConnected: async () => 0,
  });
  return { probes, sampler };
}

/** Runs a phase, observed (what waited in the stack as it began, and its timeline) or not. */
async function observed(
  stack: StackObserver | undefined,
  phase: () => Promise<LoadResult>,
): Promise<Observed> {
  if (!stack || !args.timeline) return phase();
  const backlogAtStart = await backlog(stack.probes);
  const { result, timeline } = await withTimeline(stack.sampler, 2, phase);
  return { ...result, backlogAtStart, timeline };
}

interface TargetReport {
  target: string;
  /** The unmeasured warm-up: its messages are stored too, so they count in `acked`. */
  warmup?: LoadResult;
  phases: Observed[];
  stored: number;
  acked: number;
}

/**
 * Both phases against one target, then the check that every acked message was stored (`earlier`:
 * a phase run against it before, whose messages are stored too).
 */
async function measure(
  target: Target,
  stack: StackObserver | undefined,
  earlier?: LoadResult,
): Promise<TargetReport> {
  const connected = await connect(target);
  try {
    log(`${target.name}: ${connected.visitors.length} visitors, ${connected.agents.length} agents`);
    log(`${target.name}: waited ${await waitForQuietMachine()} s for the machine to settle`);
    const warm = warmup > 0 ? await atRate(connected, rate, warmup) : undefined;
    log(`${target.name}: waited ${await waitForQuietMachine()} s after the warm-up`);
    const phases = [
      await observed(stack, () => atRate(connected, rate, seconds)),
      await flatOut(connected, seconds),
    ];
    for (const phase of phases) log(`${target.name}: ${JSON.stringify(phase)}`);
    const stored = await target.storedVisitorMessages(target.visitors.map((v) => v.roomId));
    return {
      target: target.name,
      warmup: warm,
      phases,
      stored,
      acked: [earlier, warm, ...phases].reduce((sum, phase) => sum + (phase?.acked ?? 0), 0),
    };
  } finally {
    connected.close();
  }
}

async function main(): Promise<void> {
  log(`setting up ${visitors} visitors and ${agents} agents through ${args.base}`);
  const parley = await parleyTarget({
    base: args.base!,
    visitors,
    agents,
    sealKey: args['seal-key']!,
    assignment,
  });
  if (parley.assignment) log(`round-robin: ${JSON.stringify(parley.assignment)}`);
  const stack = await observer();
  let cold: Observed | undefined;
  let drainedBeforeCold: Awaited<ReturnType<typeof drainedBacklog>> | undefined;
  let floorReport: TargetReport | undefined;
  let parleyReport: TargetReport;
  try {
    // Cold: no warm-up, nothing measured before it; no settling either, unless `--cold-after drained`.
    if (coldSeconds > 0) {
      const connected = await connect(parley);
      if (coldAfter === 'drained') {
        if (!stack) throw new Error('--cold-after drained needs --services');
        drainedBeforeCold = await drainedBacklog(stack.probes, 300);
        log(`${parley.name}: the set-up's backlog: ${JSON.stringify(drainedBeforeCold)}`);
      }
      cold = await observed(stack, () => atRate(connected, rate, coldSeconds)).finally(() =>
        connected.close(),
      );
      log(`${parley.name} cold: ${JSON.stringify(cold)}`);
    }
    // The floor first, while the stack is idle: after Parley's run its consumers are still
    // working through the events it produced, which would slow the floor down.
    if (args.targets!.split(',').includes('floor')) {
      const floor = await floorTarget({ visitors, agents, mongoUrl: args['mongo-url']! });
      floorReport = await measure(floor, undefined).finally(() => floor.close());
    }
    parleyReport = await measure(parley, stack, cold);
  } finally {
    stack?.sampler.stop();
    await stack?.probes.close();
  }

  let idle: IdleResult | undefined;
  if (Number(args.idle) > 0) {
    const pid = Number(readFileSync(args['chat-pid-file']!, 'utf8').trim());
    log(`opening ${args.idle} idle visitor sockets on the chat process ${pid}`);
    idle = await idleConnections({
      url: args['chat-url']!,
      pid,
      // A large lastSeq: nothing to replay, as for a visitor who saw everything.
      auths: parley.visitors.map((visitor) => ({ ...visitor.auth, lastSeq: 1_000_000_000 })),
      count: Number(args.idle),
    });
  }

  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    visitors,
    agents,
    rate,
    seconds,
    warmup,
    assignment,
    roundRobin: parley.assignment,
    coldAfter,
    drainedBeforeCold,
    cold,
    parley: parleyReport,
    floor: floorReport,
    idle,
  };
  writeReport(args.out!, 'chat', report);
}

runBenchmark(main);
