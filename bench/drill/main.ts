/**
 * `npm run drill:<fault>`: a failure under load. Visitors send at a steady rate through nginx
 * (each message kept and sent again until acked, as the widget does) to agents who reconnect
 * with their `lastSeqs`; a part of the stack is broken mid-run and brought back. Prints the
 * figures and a verdict: no acked message lost, none shown twice, every client back, analytics
 * and email caught up with every event, and everyone sending again within 10 s of the fault.
 * Started by scripts/bench/drill.sh, which runs the stack.
 */
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { groupLag } from '@app/messaging';
import { call, inBatches } from '../chat/http';
import { parleyTarget, roomMessages } from '../chat/parley-target';
import { log, machine, runBenchmark, waitForQuietMachine, writeReport } from '../report';
import { DrillAgent, DrillVisitor } from './clients';
import { faultNamed } from './faults';

const { values: args } = parseArgs({
  options: {
    fault: { type: 'string' },
    visitors: { type: 'string', default: '100' },
    agents: { type: 'string', default: '10' },
    rate: { type: 'string', default: '300' },
    // Load before the fault, the outage until it is repaired (default: the fault's own), and
    // load after the fault.
    before: { type: 'string', default: '15' },
    outage: { type: 'string' },
    after: { type: 'string', default: '45' },
    base: { type: 'string', default: 'http://127.0.0.1:8080' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    'run-dir': { type: 'string', default: '.data/run' },
    'seal-key': { type: 'string' },
    out: { type: 'string', default: '.data/bench' },
  },
});
if (!args['seal-key'])
  throw new Error("--seal-key is required: the services' NOTIFICATION_SEAL_KEY");
const fault = faultNamed(args.fault ?? '', args['run-dir']!);
const rate = Number(args.rate);
const outageSeconds = Number(args.outage ?? fault.outageSeconds ?? 0);
const RECOVERY_TARGET_MS = 10_000;
/** The consumers that must have every event once the stack has recovered. */
const DOWNSTREAM_GROUPS = ['analytics', 'analytics-rollups', 'email'];

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) return false;
    await sleep(250);
  }
  return Date.now() - started;
}

/** Open loop at `rate` over the visitors until `endsAt`; the fault at `faultAfterMs`. */
async function load(visitors: DrillVisitor[], endsAt: number, onFault: () => number) {
  const start = performance.now();
  const faultDue = start + Number(args.before) * 1000;
  const pending: Array<Promise<void>> = [];
  let faultAt: number | undefined;
  let sent = 0;
  while (performance.now() < endsAt) {
    if (faultAt === undefined && performance.now() >= faultDue) faultAt = onFault();
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; sent < due; sent += 1)
      pending.push(visitors[sent % visitors.length].send(faultAt, endsAt + 60_000));
    await sleep(5);
  }
  await Promise.all(pending);
  return { sent, faultAt: faultAt! };
}

async function downstreamLag(kafka: Kafka): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const lags = await Promise.all(DOWNSTREAM_GROUPS.map((group) => groupLag(admin, group)));
    return lags.flat().reduce((sum, topic) => sum + topic.lag, 0);
  } finally {
    await admin.disconnect();
  }
}

/** The visitor messages analytics counted today for the tenant (the drill's, on a new stack). */
async function visitorMessagesToday(token: string): Promise<number> {
  const today = new Date(new Date().toISOString().slice(0, 10));
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const overview = await call<{ messages: { visitor: number } }>(
    args.base!,
    'GET',
    `/api/analytics/overview?from=${today.toISOString()}&to=${tomorrow.toISOString()}`,
    { token },
  );
  return overview.messages.visitor;
}

async function main(): Promise<void> {
  log(`drill ${fault.name}: ${fault.describe}`);
  const target = await parleyTarget({
    base: args.base!,
    visitors: Number(args.visitors),
    agents: Number(args.agents),
    sealKey: args['seal-key']!,
    assignment: 'join',
  });
  const run = randomUUID().slice(0, 8);
  const agents = target.agents.map((agent) => new DrillAgent(args.base!, String(agent.auth.token)));
  await Promise.all(agents.map((agent) => agent.ready()));
  await Promise.all(
    agents.map(async (agent, index) => {
      for (const roomId of target.agents[index].roomIds) await agent.join(roomId);
    }),
  );
  const visitors = target.visitors.map(
    (visitor) => new DrillVisitor(args.base!, String(visitor.auth.token), visitor.roomId, run),
  );
  await Promise.all(visitors.map((visitor) => visitor.ready()));
  log(`waited ${await waitForQuietMachine()} s for the machine to settle`);

  let repair: Promise<void> | undefined;
  let repairedAt: number | undefined;
  const endsAt = performance.now() + (Number(args.before) + Number(args.after)) * 1000;
  log(`${rate} msg/s: the fault after ${args.before} s, the load ${args.after} s more`);
  const { sent, faultAt } = await load(visitors, endsAt, () => {
    log(`fault: ${fault.describe}`);
    repair = fault.inject().then(async () => {
      if (!fault.repair) return;
      await sleep(outageSeconds * 1000);
      await fault.repair();
      repairedAt = performance.now();
      log('repaired');
    });
    return performance.now();
  });
  await repair;

  const acked = visitors.reduce((sum, visitor) => sum + visitor.ackedAt.size, 0);
  log(`sent ${sent}, acked ${acked}; waiting for every client and every delivery`);
  const allConnected = () => [...visitors, ...agents].every((client) => client.socket.connected);
  const reconnectedWithin = await until(allConnected, 30_000);
  const shownToAgents = () =>
    visitors.every((visitor) =>
      [...visitor.ackedAt.keys()].every((id) => agents.some((agent) => agent.shown.has(id))),
    );
  await until(shownToAgents, 30_000);

  const kafka = new Kafka({ brokers: args.brokers!.split(','), logLevel: logLevel.NOTHING });
  const drainedWithin = await until(async () => (await downstreamLag(kafka)) === 0, 120_000);

  const stored = (
    await inBatches(visitors, 8, (visitor) =>
      roomMessages(args.base!, target.adminToken, visitor.roomId),
    )
  ).flat();
  const storedIds = new Map<string, number>();
  for (const message of stored)
    if (message.sender.type === 'visitor' && message.clientMessageId?.startsWith(run))
      storedIds.set(message.clientMessageId, (storedIds.get(message.clientMessageId) ?? 0) + 1);
  const ackedIds = visitors.flatMap((visitor) => [...visitor.ackedAt.keys()]);
  const storedVisitorMessages = stored.filter(
    (message) => message.sender.type === 'visitor',
  ).length;
  // An event owed by a replica that died is published by a sweep up to 40 s later.
  let analyticsVisitorMessages = 0;
  const analyticsCaughtUpMs = await until(async () => {
    analyticsVisitorMessages = await visitorMessagesToday(target.adminToken);
    return analyticsVisitorMessages === storedVisitorMessages;
  }, 90_000);

  // When each visitor could send again: its first ack after the fault.
  const backAfter = visitors.map((visitor) => {
    const first = Math.min(...[...visitor.ackedAt.values()].filter((at) => at >= faultAt));
    return Number.isFinite(first) ? first - faultAt : Infinity;
  });
  const firstSendAfterFault = Math.min(
    ...visitors.flatMap((visitor) =>
      visitor.sendsAfterFault.flatMap((send) => (send.ackedAt ? [send.ackedAt - faultAt] : [])),
    ),
  );
  const lostIds = ackedIds.filter((id) => !storedIds.has(id));
  const ackTimes = new Map(visitors.flatMap((visitor) => [...visitor.ackedAt]));
  const figures = {
    sent,
    acked,
    gaveUp: visitors.reduce((sum, visitor) => sum + visitor.gaveUp, 0),
    retries: visitors.reduce((sum, visitor) => sum + visitor.retries, 0),
    lost: lostIds.length,
    // Where to look when something was lost: its ack, in ms from the fault.
    lostSample: lostIds
      .slice(0, 10)
      .map((id) => ({ id, ackedAfterFaultMs: Math.round(ackTimes.get(id)! - faultAt) })),
    storedTwice: [...storedIds.values()].filter((count) => count > 1).length,
    notShownToAgents: ackedIds.filter((id) => !agents.some((agent) => agent.shown.has(id))).length,
    shownUnderTwoSeqs: agents.reduce(
      (sum, agent) => sum + [...agent.shown.values()].filter((seqs) => seqs.size > 1).length,
      0,
    ),
    seqTwiceToOneSocket: agents.reduce((sum, agent) => sum + agent.duplicateSeqs, 0),
    outOfOrder: agents.reduce((sum, agent) => sum + agent.outOfOrder, 0),
    agentReconnects: agents.reduce((sum, agent) => sum + agent.reconnects, 0),
    everyClientConnectedMs: reconnectedWithin,
    firstSendAfterFaultMs: Math.round(firstSendAfterFault),
    everyVisitorSendingAgainMs: Math.round(Math.max(...backAfter)),
    repairedAfterMs: repairedAt && Math.round(repairedAt - faultAt),
    downstreamDrainedMs: drainedWithin,
    analyticsVisitorMessages,
    storedVisitorMessages,
    analyticsCaughtUpMs,
  };
  const failures = [
    figures.lost > 0 && `${figures.lost} acked messages lost`,
    figures.gaveUp > 0 && `${figures.gaveUp} messages never acked`,
    figures.storedTwice + figures.shownUnderTwoSeqs + figures.seqTwiceToOneSocket > 0 &&
      'messages shown twice',
    figures.notShownToAgents > 0 && `${figures.notShownToAgents} acked messages not shown`,
    figures.everyClientConnectedMs === false && 'clients still disconnected',
    figures.downstreamDrainedMs === false && `${DOWNSTREAM_GROUPS.join(', ')} did not catch up`,
    figures.analyticsCaughtUpMs === false &&
      `analytics counts ${figures.analyticsVisitorMessages} visitor messages, ${storedVisitorMessages} stored`,
    !(figures.everyVisitorSendingAgainMs <= RECOVERY_TARGET_MS) &&
      `a visitor could not send for ${figures.everyVisitorSendingAgainMs} ms`,
  ].filter((failure): failure is string => Boolean(failure));
  for (const client of [...visitors, ...agents]) client.close();

  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    fault: fault.name,
    describe: fault.describe,
    visitors: visitors.length,
    agents: agents.length,
    rate,
    beforeSeconds: Number(args.before),
    outageSeconds: fault.repair ? outageSeconds : undefined,
    afterSeconds: Number(args.after),
    figures,
    verdict: failures.length === 0 ? 'pass' : 'fail',
    failures,
  };
  writeReport(args.out!, `drill-${fault.name}`, report);
  log(`drill ${fault.name}: ${report.verdict}${failures.length ? `: ${failures.join('; ')}` : ''}`);
  if (failures.length) throw new Error(`drill ${fault.name} failed`);
}

runBenchmark(main);
