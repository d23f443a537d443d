import { type Histogram } from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Socket } from 'socket.io-client';
import { connectSocket } from '../chat/load';

/** The agent's messages of one room as their acks came back: seq → when acked. */
export class RoomLedger {
  readonly ackedAt = new Map<number, number>();
  /** Seqs acked while the room's visitor had no socket: the ones a replay must bring. */
  readonly ackedWhileAway = new Set<number>();
}

/** What every visitor adds to: counts and histograms in microseconds. */
export interface JitterTally {
  duplicates: number;
  outOfOrder: number;
  reconnects: number;
  refusedConnects: number;
  /** Reconnects that had something to replay. */
  replays: number;
  /** Replays still incomplete when the socket was cut again. */
  replaysCutShort: number;
  /** From starting the reconnect to receiving the last message acked before it. */
  replay: Histogram;
  /** The worst replay that began in each second of the storm, in ms. */
  worstReplayMsBySecond: number[];
  startedAt: number;
}

const between = (low: number, high: number) => low + Math.random() * (high - low);

/**
 * A widget whose connection keeps dropping: connected for `upMs`, cut for `downMs`, then back
 * with `lastSeq` (the highest seq it received), as the widget reconnects. Checks what the
 * server promises for each socket: no seq twice, seqs strictly increasing, and after a
 * reconnect every message acked before it arrives.
 */
export class JitterVisitor {
  private socket?: Socket;
  private lastSeq = 0;
  /** seq → when first received. */
  readonly receivedAt = new Map<number, number>();
  private replay?: { startedAt: number; missing: Set<number> };
  /** Each connection: when it was asked for, its `lastSeq`, when it was up and when cut. */
  readonly connections: Array<{
    startedAt: number;
    lastSeq: number;
    upAt?: number;
    cutAt?: number;
  }> = [];

  constructor(
    private readonly url: string,
    private readonly token: string,
    readonly ledger: RoomLedger,
    private readonly tally: JitterTally,
  ) {}

  get online(): boolean {
    return this.socket?.connected === true;
  }

  /** Cycles until `running()` is false, and ends connected. */
  async storm(running: () => boolean, upMs: [number, number], downMs: [number, number]) {
    // Spread the first cuts over the first cycle, not all at once.
    await this.connect();
    await sleep(between(0, upMs[1]));
    while (running()) {
      this.cut();
      await sleep(between(...downMs));
      await this.connect();
      this.tally.reconnects += 1;
      await sleep(between(...upMs));
    }
  }

  private cut(): void {
    if (this.replay) this.tally.replaysCutShort += 1;
    this.replay = undefined;
    const current = this.connections.at(-1);
    if (current) current.cutAt = performance.now();
    this.socket?.disconnect();
    this.socket = undefined;
  }

  private async connect(): Promise<void> {
    for (;;) {
      const startedAt = performance.now();
      const missing = new Set(
        [...this.ledger.ackedAt.keys()].filter(
          (seq) => seq > this.lastSeq && !this.receivedAt.has(seq),
        ),
      );
      this.replay = missing.size > 0 ? { startedAt, missing } : undefined;
      const connection: (typeof this.connections)[number] = { startedAt, lastSeq: this.lastSeq };
      this.connections.push(connection);
      try {
        this.socket = await connectSocket(
          this.url,
          'visitor',
          { token: this.token, lastSeq: this.lastSeq },
          (socket) => this.receive(socket),
        );
        connection.upAt = performance.now();
        if (this.replay) this.tally.replays += 1;
        return;
      } catch {
        // Refused (a limit, a replica restarting): as the widget does, try again shortly.
        this.tally.refusedConnects += 1;
        this.replay = undefined;
        await sleep(1000);
      }
    }
  }

  /** Checks each message of one socket: none twice, in order; and notes the replay's end. */
  private receive(socket: Socket): void {
    let socketLast = 0;
    socket.on('message:new', (message: { seq: number }) => {
      const at = performance.now();
      const { seq } = message;
      if (this.receivedAt.has(seq)) this.tally.duplicates += 1;
      else {
        if (seq <= socketLast) this.tally.outOfOrder += 1;
        this.receivedAt.set(seq, at);
        this.lastSeq = Math.max(this.lastSeq, seq);
        this.replayed(seq, at);
      }
      socketLast = Math.max(socketLast, seq);
    });
  }

  private replayed(seq: number, at: number): void {
    if (!this.replay?.missing.delete(seq) || this.replay.missing.size > 0) return;
    const took = at - this.replay.startedAt;
    this.tally.replay.recordValue(Math.max(1, Math.round(took * 1000)));
    const second = Math.floor((this.replay.startedAt - this.tally.startedAt) / 1000);
    const worst = this.tally.worstReplayMsBySecond;
    worst[second] = Math.max(worst[second] ?? 0, Math.round(took));
    this.replay = undefined;
  }

  close(): void {
    this.socket?.disconnect();
  }
}
