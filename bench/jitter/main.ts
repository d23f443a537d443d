/**
 * `npm run bench:jitter`: the delivery contract under a reconnect storm. Agents send into every
 * room at a steady rate while each visitor's socket is cut every few seconds for a second or two
 * and comes back with its `lastSeq`, through nginx onto either chat replica. Reports what the
 * visitors received (delivered, duplicates, out of order), how long each replay took (from the
 * reconnect to the last message acked before it), and the server's CPU during the storm.
 * Started by scripts/bench/jitter.sh, which runs the stack.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Socket } from 'socket.io-client';
import { connectAgents, histogram, percentiles } from '../chat/load';
import { parleyTarget } from '../chat/parley-target';
import { CpuSampler, stackProcesses } from '../process-cpu';
import { log, machine, runBenchmark, waitForQuietMachine, writeReport } from '../report';
import { JitterVisitor, RoomLedger, type JitterTally } from './visitor';

const { values: args } = parseArgs({
  options: {
    visitors: { type: 'string', default: '1000' },
    agents: { type: 'string', default: '10' },
    // Agents' messages per second over all the rooms.
    rate: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '60' },
    // Each socket stays up between these (ms), then is cut for between the next two.
    'up-ms': { type: 'string', default: '4000,6000' },
    'down-ms': { type: 'string', default: '1000,2000' },
    base: { type: 'string', default: 'http://127.0.0.1:8080' },
    'run-dir': { type: 'string', default: '.data/run' },
    'seal-key': { type: 'string' },
    out: { type: 'string', default: '.data/bench' },
  },
});
if (!args['seal-key'])
  throw new Error("--seal-key is required: the services' NOTIFICATION_SEAL_KEY");
const range = (text: string) => text.split(',').map(Number) as [number, number];
const visitorCount = Number(args.visitors);
const rate = Number(args.rate);
const seconds = Number(args.seconds);

/** Open loop: `rate` agent messages a second, the rooms in turn, until `running()` is false. */
async function agentsSend(
  rooms: Array<{ roomId: string; agent: Socket; visitor: JitterVisitor }>,
  running: () => boolean,
): Promise<{ sent: number; acked: number; refused: Record<string, number> }> {
  const start = performance.now();
  const pending: Array<Promise<void>> = [];
  let sent = 0;
  let acked = 0;
  const refused: Record<string, number> = {};
  const refuse = (why: string) => {
    refused[why] = (refused[why] ?? 0) + 1;
  };
  while (running()) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; sent < due; sent += 1) {
      const { roomId, agent, visitor } = rooms[sent % rooms.length];
      pending.push(
        agent
          .timeout(30_000)
          .emitWithAck('message:send', {
            roomId,
            clientMessageId: `jitter-${sent}`,
            body: `jitter ${sent}`,
          })
          .then(
            (answer: { seq?: number; error?: { code: string } }) => {
              if (answer.seq === undefined) return refuse(answer.error?.code ?? 'no seq');
              acked += 1;
              visitor.ledger.ackedAt.set(answer.seq, performance.now());
              if (!visitor.online) visitor.ledger.ackedWhileAway.add(answer.seq);
            },
            () => refuse('no answer in 30 s'),
          ),
      );
    }
    await sleep(5);
  }
  await Promise.all(pending);
  return { sent, acked, refused };
}

/** Waits up to `timeoutMs` for every acked message to reach its visitor. */
async function settled(visitors: JitterVisitor[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const missing = () =>
    visitors.some((visitor) =>
      [...visitor.ledger.ackedAt.keys()].some((seq) => !visitor.receivedAt.has(seq)),
    );
  while (Date.now() < deadline && missing()) await sleep(200);
}

/**
 * The first acked messages that never reached their visitor, with that visitor's connections
 * around the ack (times in ms from the storm's start): where to look when delivery is short.
 */
function undeliveredSample(visitors: JitterVisitor[], since: number, limit = 10) {
  const at = (time?: number) => (time === undefined ? undefined : Math.round(time - since));
  return visitors
    .flatMap((visitor, index) =>
      [...visitor.ledger.ackedAt]
        .filter(([seq]) => !visitor.receivedAt.has(seq))
        .map(([seq, ackedAt]) => ({
          visitor: index,
          seq,
          ackedAt: at(ackedAt),
          highestReceived: Math.max(0, ...visitor.receivedAt.keys()),
          connections: visitor.connections
            .filter((c) => (c.cutAt ?? Infinity) > ackedAt - 3000 && c.startedAt < ackedAt + 6000)
            .map((c) => ({
              startedAt: at(c.startedAt),
              lastSeq: c.lastSeq,
              upAt: at(c.upAt),
              cutAt: at(c.cutAt),
            })),
        })),
    )
    .slice(0, limit);
}

/** Each acked message's time from its ack to its visitor's receipt, split by where the visitor was. */
function deliveryAfterAck(visitors: JitterVisitor[]) {
  const live = histogram();
  const missed = histogram();
  let delivered = 0;
  let acked = 0;
  for (const visitor of visitors) {
    for (const [seq, ackedAt] of visitor.ledger.ackedAt) {
      acked += 1;
      const receivedAt = visitor.receivedAt.get(seq);
      if (receivedAt === undefined) continue;
      delivered += 1;
      const micros = Math.max(1, Math.round((receivedAt - ackedAt) * 1000));
      (visitor.ledger.ackedWhileAway.has(seq) ? missed : live).recordValue(micros);
    }
  }
  return {
    acked,
    delivered,
    deliveredPercent: Math.round((delivered / Math.max(1, acked)) * 100_000) / 1000,
    liveMs: percentiles(live),
    missedWhileAwayMs: percentiles(missed),
  };
}

async function main(): Promise<void> {
  log(`setting up ${visitorCount} visitors and ${args.agents} agents through ${args.base}`);
  const target = await parleyTarget({
    base: args.base!,
    visitors: visitorCount,
    agents: Number(args.agents),
    sealKey: args['seal-key']!,
    assignment: 'join',
  });
  const agentSockets = await connectAgents(target);
  const tally: JitterTally = {
    duplicates: 0,
    outOfOrder: 0,
    reconnects: 0,
    refusedConnects: 0,
    replays: 0,
    replaysCutShort: 0,
    replay: histogram(),
    worstReplayMsBySecond: [],
    startedAt: performance.now(),
  };
  const visitors = target.visitors.map(
    (visitor) => new JitterVisitor(target.url, String(visitor.auth.token), new RoomLedger(), tally),
  );
  const rooms = target.visitors.map((visitor, index) => ({
    roomId: visitor.roomId,
    visitor: visitors[index],
    agent: agentSockets[target.agents.findIndex((agent) => agent.roomIds.includes(visitor.roomId))],
  }));
  log(`waited ${await waitForQuietMachine()} s for the machine to settle`);

  log(
    `storm: ${rate} msg/s for ${seconds} s, sockets up ${args['up-ms']} ms, cut ${args['down-ms']} ms`,
  );
  const cpu = new CpuSampler(stackProcesses(args['run-dir']!));
  const endsAt = performance.now() + seconds * 1000;
  const running = () => performance.now() < endsAt;
  tally.startedAt = performance.now();
  const [sending] = await Promise.all([
    agentsSend(rooms, running),
    Promise.all(
      visitors.map((visitor) =>
        visitor.storm(running, range(args['up-ms']!), range(args['down-ms']!)),
      ),
    ),
  ]);
  const serverCpu = cpu.stop();
  log(`storm over: ${JSON.stringify(sending)}; waiting for the last deliveries`);
  await settled(visitors, 30_000);
  const delivery = deliveryAfterAck(visitors);
  for (const socket of agentSockets) socket.disconnect();
  for (const visitor of visitors) visitor.close();

  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    visitors: visitorCount,
    agents: Number(args.agents),
    rate,
    seconds,
    upMs: range(args['up-ms']!),
    downMs: range(args['down-ms']!),
    sending,
    delivery,
    duplicates: tally.duplicates,
    outOfOrder: tally.outOfOrder,
    reconnects: tally.reconnects,
    refusedConnects: tally.refusedConnects,
    replays: tally.replays,
    replaysCutShort: tally.replaysCutShort,
    undelivered: undeliveredSample(visitors, tally.startedAt),
    replayMs: percentiles(tally.replay),
    worstReplayMsBySecond: Array.from(tally.worstReplayMsBySecond, (worst) => worst ?? 0),
    serverCpu,
  };
  writeReport(args.out!, 'jitter', report);
}

runBenchmark(main);
