/**
 * The noisy tenant, run in a worker thread by flood.ts: its agents join their rooms and its
 * visitors connect once; each `flood` command then sends, open loop, `rate` visitor messages a
 * second over the visitors in turn, and reports how each was answered.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { type Socket } from 'socket.io-client';
import { inBatches } from '../chat/http';
import { connectAgents, connectSocket } from '../chat/load';
import type { FloodClients, FloodCommand, FloodReport, FloodResult } from './flood';

/** Long enough that a slow answer under the flood still counts as an answer. */
const ANSWER_TIMEOUT_MS = 30_000;

const clients = workerData as FloodClients;
const port = parentPort!;
const report = (message: FloodReport) => port.postMessage(message);
/** Thrown outside any promise, so that the main thread gets it as the worker's `error` event. */
const fail = (error: Error) =>
  setImmediate(() => {
    throw error;
  });

interface Tally {
  attempted: number;
  admitted: number;
  admittedBySecond: number[];
  rateLimited: number;
  otherErrors: Record<string, number>;
  disconnects: Record<string, number>;
  skippedOnClosedSockets: number;
}

const emptyTally = (): Tally => ({
  attempted: 0,
  admitted: 0,
  admittedBySecond: [],
  rateLimited: 0,
  otherErrors: {},
  disconnects: {},
  skippedOnClosedSockets: 0,
});
/** The current flood's: disconnects between floods (there should be none) count in the next. */
let tally = emptyTally();
const add = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function send(socket: Socket, id: string, startedAt: number): Promise<void> {
  tally.attempted += 1;
  const current = tally;
  return socket
    .timeout(ANSWER_TIMEOUT_MS)
    .emitWithAck('message:send', { clientMessageId: id, body: `flood ${id}` })
    .then(
      (answer: { seq?: number; error?: { code?: string } }) => {
        if (typeof answer?.seq === 'number') {
          current.admitted += 1;
          const second = Math.floor((performance.now() - startedAt) / 1000);
          current.admittedBySecond[second] = (current.admittedBySecond[second] ?? 0) + 1;
        } else if (answer?.error?.code === 'rate_limited') current.rateLimited += 1;
        else add(current.otherErrors, answer?.error?.code ?? 'answer without a seq');
      },
      // A timeout, or the socket closed while the send waited.
      () => add(current.otherErrors, 'no answer'),
    );
}

/** Open loop, as the quiet tenants' load: sends fall due by the clock, whatever the answers. */
async function flood(visitors: Socket[], rate: number, seconds: number): Promise<FloodResult> {
  tally = emptyTally();
  const current = tally;
  const run = randomUUID().slice(0, 8);
  const start = performance.now();
  const pending: Array<Promise<void>> = [];
  let due = 0;
  while (performance.now() - start < seconds * 1000) {
    const nowDue = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; due < nowDue; due += 1) {
      const socket = visitors[due % visitors.length];
      if (socket.connected) pending.push(send(socket, `${run}-${due}`, start));
      else current.skippedOnClosedSockets += 1;
    }
    await sleep(5);
  }
  const sendingSeconds = (performance.now() - start) / 1000;
  await Promise.all(pending);
  const perSecond = (count: number) => Math.round(count / sendingSeconds);
  return {
    seconds: Math.round(sendingSeconds * 10) / 10,
    attempted: current.attempted,
    attemptedPerSecond: perSecond(current.attempted),
    admitted: current.admitted,
    admittedPerSecond: perSecond(current.admitted),
    busiestSecondAdmitted: Math.max(0, ...Array.from(current.admittedBySecond, (n) => n ?? 0)),
    rateLimited: current.rateLimited,
    rateLimitedPerSecond: perSecond(current.rateLimited),
    otherErrors: current.otherErrors,
    disconnects: current.disconnects,
    skippedOnClosedSockets: current.skippedOnClosedSockets,
  };
}

async function main(): Promise<void> {
  const agents = await connectAgents(clients);
  const countDisconnects = (socket: Socket) =>
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') add(tally.disconnects, reason);
    });
  const visitors = await inBatches(clients.visitorTokens, 32, (token) =>
    connectSocket(clients.url, 'visitor', { token }, countDisconnects),
  );
  port.on('message', (command: FloodCommand) => {
    if (command.kind === 'flood') {
      flood(visitors, command.rate, command.seconds).then(
        (result) => report({ kind: 'result', result }),
        fail,
      );
    } else {
      for (const socket of [...agents, ...visitors]) socket.disconnect();
      report({ kind: 'closed' });
    }
  });
  report({ kind: 'ready', visitors: visitors.length, agents: agents.length });
}

main().catch(fail);
