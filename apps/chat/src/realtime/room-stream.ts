import { type ChatMessage } from '@app/contracts';

/** How long a message waits for the ones before it to arrive live, before they are read. */
export const GAP_WAIT_MS = 150;

export interface RoomStreamIo {
  emit(message: ChatMessage): void;
  /** The stored messages with seqs `from` to `to`, in order (a seq never stored is absent). */
  read(from: number, to: number): Promise<ChatMessage[]>;
  /** A read that failed: the gap is skipped, and the failure reported here. */
  failed(error: Error): void;
}

/**
 * One room's messages to one socket, in the order the socket must see them: each seq once, seqs
 * strictly increasing. While the socket's replay is being read, live messages wait behind it;
 * a live message that overtook an earlier one (another replica's, or a slower store) waits up to
 * GAP_WAIT_MS for it, then the missing seqs are read from the database. A seq that was never
 * stored (its store failed) is skipped.
 */
export class RoomStream {
  /** The last seq the socket got; null until known (a room joined without a replay). */
  private lastSent: number | null = null;
  private replaying = false;
  private readonly held = new Map<number, ChatMessage>();
  private gapTimer: NodeJS.Timeout | null = null;
  private reading = false;

  constructor(private readonly io: RoomStreamIo) {}

  /** Live messages wait from now until `replayed`. */
  startReplay(): void {
    this.replaying = true;
  }

  /**
   * The replay, read after the socket joined the room: the messages after `afterSeq`, in order.
   * Sends those the socket has not had, then what waited behind them.
   */
  replayed(messages: ChatMessage[], afterSeq: number): void {
    this.lastSent = Math.max(this.lastSent ?? afterSeq, afterSeq);
    for (const message of messages) this.sendIfNext(message);
    this.replaying = false;
    this.drain();
  }

  /** A live message. */
  offer(message: ChatMessage): void {
    // Joined without a replay (an assignment, a transfer): the history is read over REST.
    if (this.lastSent === null && !this.replaying) this.lastSent = message.seq - 1;
    if (this.lastSent !== null && message.seq <= this.lastSent) return;
    this.held.set(message.seq, message);
    if (!this.replaying) this.drain();
  }

  /** Stops waiting: the socket is gone. */
  close(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.held.clear();
  }

  private sendIfNext(message: ChatMessage): void {
    if (this.lastSent !== null && message.seq <= this.lastSent) return;
    this.io.emit(message);
    this.lastSent = message.seq;
  }

  /** Sends what is next in line; waits for a gap to fill, or reads it when it does not. */
  private drain(): void {
    if (this.reading || this.lastSent === null) return;
    for (const seq of [...this.held.keys()]) if (seq <= this.lastSent) this.held.delete(seq);
    for (
      let next = this.held.get(this.lastSent + 1);
      next;
      next = this.held.get(this.lastSent + 1)
    ) {
      this.held.delete(next.seq);
      this.sendIfNext(next);
    }
    if (this.held.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
    } else {
      this.gapTimer ??= setTimeout(() => void this.fillGap(), GAP_WAIT_MS);
    }
  }

  private async fillGap(): Promise<void> {
    this.gapTimer = null;
    if (this.lastSent === null || this.held.size === 0) return;
    const from = this.lastSent + 1;
    const to = Math.min(...this.held.keys()) - 1;
    this.reading = true;
    try {
      for (const message of await this.io.read(from, to)) this.sendIfNext(message);
    } catch (error) {
      this.io.failed(error as Error);
    } finally {
      this.reading = false;
    }
    // Whatever the database did not have was never stored: the socket goes on past it.
    this.lastSent = Math.max(this.lastSent, to);
    this.drain();
  }
}
