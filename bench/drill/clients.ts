import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';

/** socket.io as the widget and the dashboard use it: reconnecting, with what they saw so far. */
function reconnectingSocket(url: string, namespace: string, auth: () => object): Socket {
  return io(`${url}/${namespace}`, {
    path: '/socket.io',
    transports: ['websocket'],
    // nginx keeps a client on one replica by this parameter; a dead replica's are sent on.
    query: { affinity: randomUUID() },
    reconnectionDelay: 250,
    reconnectionDelayMax: 2000,
    auth: (callback) => callback(auth()),
  });
}

function connected(socket: Socket): Promise<void> {
  return socket.connected ? Promise.resolve() : new Promise((done) => socket.once('connect', done));
}

/**
 * A visitor whose messages are kept until acked, as the widget's outbox keeps them: a send that
 * times out or is refused is sent again, with the same `clientMessageId`, once it can be.
 */
export class DrillVisitor {
  readonly socket: Socket;
  private lastSeq = 0;
  private sent = 0;
  /** clientMessageId → when its ack came. */
  readonly ackedAt = new Map<string, number>();
  /** Tries beyond each message's first: refusals and timeouts while a part was down. */
  retries = 0;
  /** Sends that started after the fault, with when they were acked. */
  readonly sendsAfterFault: Array<{ startedAt: number; ackedAt?: number }> = [];
  gaveUp = 0;

  constructor(
    url: string,
    token: string,
    readonly roomId: string,
    private readonly run: string,
  ) {
    this.socket = reconnectingSocket(url, 'visitor', () => ({ token, lastSeq: this.lastSeq }));
    this.socket.on('message:new', (message: { seq: number }) => {
      this.lastSeq = Math.max(this.lastSeq, message.seq);
    });
  }

  ready(): Promise<void> {
    return connected(this.socket);
  }

  /** One message, tried until acked or `giveUpAt` (performance.now() time). */
  async send(faultAt: number | undefined, giveUpAt: number): Promise<void> {
    const clientMessageId = `${this.run}-${this.roomId}-${(this.sent += 1)}`;
    const startedAt = performance.now();
    const afterFault: { startedAt: number; ackedAt?: number } | undefined =
      faultAt !== undefined && startedAt >= faultAt ? { startedAt } : undefined;
    if (afterFault) this.sendsAfterFault.push(afterFault);
    while (performance.now() < giveUpAt) {
      if (!this.socket.connected) {
        await Promise.race([connected(this.socket), sleep(1000)]);
        continue;
      }
      const answer = await this.socket
        .timeout(5000)
        .emitWithAck('message:send', { clientMessageId, body: `drill ${clientMessageId}` })
        .catch(() => undefined);
      if (answer && typeof answer.seq === 'number') {
        const at = performance.now();
        this.ackedAt.set(clientMessageId, at);
        if (afterFault) afterFault.ackedAt = at;
        return;
      }
      // Refused (the service could not store it right now) or no answer: again, shortly.
      this.retries += 1;
      await sleep(250);
    }
    this.gaveUp += 1;
  }

  close(): void {
    this.socket.disconnect();
  }
}

/**
 * An agent's dashboard: reconnects with the last seq it saw of each of its rooms, and records
 * every visitor message it is shown, to find the lost and the doubled.
 */
export class DrillAgent {
  readonly socket: Socket;
  private readonly lastSeqs: Record<string, number> = {};
  /** room → seqs received on the current socket and the highest, to check that socket's order. */
  private perSocket = new Map<string, { seen: Set<number>; last: number }>();
  /** clientMessageId → the seqs it was shown under. */
  readonly shown = new Map<string, Set<number>>();
  duplicateSeqs = 0;
  outOfOrder = 0;
  reconnects = 0;

  constructor(url: string, token: string) {
    this.socket = reconnectingSocket(url, 'agent', () => ({ token, lastSeqs: this.lastSeqs }));
    this.socket.on('connect', () => {
      this.perSocket = new Map();
    });
    this.socket.io.on('reconnect', () => {
      this.reconnects += 1;
    });
    this.socket.on(
      'message:new',
      (message: {
        roomId: string;
        seq: number;
        clientMessageId?: string;
        sender: { type: string };
      }) => {
        const room = this.perSocket.get(message.roomId) ?? { seen: new Set<number>(), last: 0 };
        this.perSocket.set(message.roomId, room);
        if (room.seen.has(message.seq)) this.duplicateSeqs += 1;
        else if (message.seq <= room.last) this.outOfOrder += 1;
        room.seen.add(message.seq);
        room.last = Math.max(room.last, message.seq);
        this.lastSeqs[message.roomId] = Math.max(this.lastSeqs[message.roomId] ?? 0, message.seq);
        if (message.sender.type !== 'visitor' || !message.clientMessageId) return;
        const seqs = this.shown.get(message.clientMessageId) ?? new Set<number>();
        seqs.add(message.seq);
        this.shown.set(message.clientMessageId, seqs);
      },
    );
  }

  ready(): Promise<void> {
    return connected(this.socket);
  }

  /** Joins a room it is to answer (before the load), remembering where the room stood. */
  async join(roomId: string): Promise<void> {
    const answer = await this.socket.emitWithAck('room:join', { roomId });
    if (answer?.error) throw new Error(`room:join ${roomId}: ${answer.error.code}`);
    this.lastSeqs[roomId] ??= 0;
  }

  close(): void {
    this.socket.disconnect();
  }
}
