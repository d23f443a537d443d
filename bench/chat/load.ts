import { build, type Histogram } from 'hdr-histogram-js';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { inBatches } from './http';
import { type Target } from './target';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  phase: string;
  seconds: number;
  sent: number;
  acked: number;
  refused: number;
  ackedPerSecond: number;
  /** Visitor `message:send` to the agent's `message:new`, in milliseconds. */
  deliveryMs: Percentiles;
  /** Visitor `message:send` to its ack, in milliseconds. */
  ackMs: Percentiles;
  /** The slowest delivery of the messages sent in each second of the phase: where stalls were. */
  worstDeliveryMsBySecond: number[];
  /** The 99th percentile of the deliveries of the messages sent in each second of the phase. */
  p99DeliveryMsBySecond: number[];
  /** Acked but never delivered to the agent. */
  undelivered: number;
  /** Delivered to the agent more than once. */
  duplicates: number;
  /**
   * The load generator's own event loop during the phase (the interval of a 1 ms timer): a
   * stall here delays sends and receipts alike, and bunches the sends that fall due meanwhile.
   */
  generatorLoopDelayMs: { p99: number; max: number };
}

export interface Connected {
  visitors: Array<{ socket: Socket; roomId: string }>;
  agents: Socket[];
  close(): void;
}

export const histogram = (): Histogram =>
  build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });

export const percentiles = (h: Histogram): Percentiles => ({
  p50: h.getValueAtPercentile(50) / 1000,
  p95: h.getValueAtPercentile(95) / 1000,
  p99: h.getValueAtPercentile(99) / 1000,
  max: h.maxValue / 1000,
});

/** `listen` attaches handlers before the connection: a replay right after it is not missed. */
export function connectSocket(
  url: string,
  namespace: string,
  auth: Record<string, unknown>,
  listen?: (socket: Socket) => void,
): Promise<Socket> {
  const socket = io(`${url}/${namespace}`, {
    path: '/socket.io',
    auth,
    // nginx keeps a client on one replica by this parameter (long-polling needs it).
    query: { affinity: randomUUID() },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  listen?.(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Each agent connects and joins its rooms; the sockets in the target's order of agents. */
export function connectAgents(target: Pick<Target, 'url' | 'agents'>): Promise<Socket[]> {
  return inBatches(target.agents, 4, async (agent) => {
    const socket = await connectSocket(target.url, 'agent', agent.auth);
    for (const roomId of agent.roomIds) {
      const answer = await socket.emitWithAck('room:join', { roomId });
      if (answer?.error) throw new Error(`room:join ${roomId}: ${answer.error.code}`);
    }
    return socket;
  });
}

/** Agents connect and join their rooms, then the visitors connect. */
export async function connect(target: Target): Promise<Connected> {
  const agents = await connectAgents(target);
  const visitors = await inBatches(target.visitors, 32, async (visitor) => ({
    socket: await connectSocket(target.url, 'visitor', visitor.auth),
    roomId: visitor.roomId,
  }));
  return {
    visitors,
    agents,
    close() {
      for (const socket of [...agents, ...visitors.map((visitor) => visitor.socket)])
        socket.disconnect();
    },
  };
}

/** One measured phase: what was sent, acked and delivered, with latency histograms. */
class Phase {
  private readonly sentAt = new Map<string, number>();
  private readonly acked = new Set<string>();
  private readonly delivered = new Map<string, number>();
  private readonly delivery = histogram();
  private readonly ack = histogram();
  private readonly worstBySecond: number[] = [];
  private readonly deliveryBySecond: Histogram[] = [];
  private refused = 0;
  private count = 0;
  private readonly run = randomUUID().slice(0, 8);
  private readonly startedAt = performance.now();
  private endedAt = 0;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 1 });

  constructor(
    private readonly name: string,
    agents: Socket[],
  ) {
    for (const agent of agents) agent.on('message:new', this.onDelivered);
    this.loopDelay.enable();
  }

  private readonly onDelivered = (message: {
    clientMessageId?: string;
    sender: { type: string };
  }) => {
    const id = message.clientMessageId;
    if (message.sender.type !== 'visitor' || !id?.startsWith(this.run)) return;
    const sentAt = this.sentAt.get(id);
    if (sentAt === undefined) return;
    const times = (this.delivered.get(id) ?? 0) + 1;
    this.delivered.set(id, times);
    if (times !== 1) return;
    const took = performance.now() - sentAt;
    const micros = Math.max(1, Math.round(took * 1000));
    this.delivery.recordValue(micros);
    const second = Math.floor((sentAt - this.startedAt) / 1000);
    this.worstBySecond[second] = Math.max(this.worstBySecond[second] ?? 0, Math.round(took));
    (this.deliveryBySecond[second] ??= histogram()).recordValue(micros);
  };

  send(socket: Socket): Promise<void> {
    const id = `${this.run}-${(this.count += 1)}`;
    const sentAt = performance.now();
    this.sentAt.set(id, sentAt);
    return new Promise((resolve) => {
      socket
        .timeout(30_000)
        .emit(
          'message:send',
          { clientMessageId: id, body: `bench message ${this.count}` },
          (timedOut: Error | null, answer: { error?: unknown }) => {
            if (timedOut || answer?.error) this.refused += 1;
            else {
              this.acked.add(id);
              this.ack.recordValue(Math.max(1, Math.round((performance.now() - sentAt) * 1000)));
            }
            resolve();
          },
        );
    });
  }

  stopSending(): void {
    this.endedAt = performance.now();
    this.loopDelay.disable();
  }

  /** Waits (up to 15 s) for every acked message to reach its agent, then reports. */
  async finish(agents: Socket[]): Promise<LoadResult> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && [...this.acked].some((id) => !this.delivered.has(id)))
      await new Promise((resolve) => setTimeout(resolve, 100));
    for (const agent of agents) agent.off('message:new', this.onDelivered);
    const seconds = (this.endedAt - this.startedAt) / 1000;
    return {
      phase: this.name,
      seconds: Math.round(seconds * 10) / 10,
      sent: this.count,
      acked: this.acked.size,
      refused: this.refused,
      ackedPerSecond: Math.round(this.acked.size / seconds),
      deliveryMs: percentiles(this.delivery),
      ackMs: percentiles(this.ack),
      worstDeliveryMsBySecond: Array.from(this.worstBySecond, (worst) => worst ?? 0),
      p99DeliveryMsBySecond: Array.from(this.deliveryBySecond, (second) =>
        second ? percentiles(second).p99 : 0,
      ),
      undelivered: [...this.acked].filter((id) => !this.delivered.has(id)).length,
      duplicates: [...this.delivered.values()].filter((times) => times > 1).length,
      generatorLoopDelayMs: {
        p99: Math.round(this.loopDelay.percentile(99) / 1e5) / 10,
        max: Math.round(this.loopDelay.max / 1e5) / 10,
      },
    };
  }
}

/** Open loop: `rate` messages per second spread over the visitors, for `seconds`. */
export async function atRate(
  connected: Connected,
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const phase = new Phase(`${rate} msg/s`, connected.agents);
  const start = performance.now();
  const pending: Array<Promise<void>> = [];
  let sent = 0;
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; sent < due; sent += 1)
      pending.push(phase.send(connected.visitors[sent % connected.visitors.length].socket));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  phase.stopSending();
  await Promise.all(pending);
  return phase.finish(connected.agents);
}

/** Closed loop: every visitor sends its next message as soon as the last is acked. */
export async function flatOut(connected: Connected, seconds: number): Promise<LoadResult> {
  const phase = new Phase('as fast as acked', connected.agents);
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    connected.visitors.map(async ({ socket }) => {
      while (performance.now() < end) await phase.send(socket);
    }),
  );
  phase.stopSending();
  return phase.finish(connected.agents);
}
