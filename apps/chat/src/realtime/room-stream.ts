import { type ChatMessage } from '@app/contracts';

/** How long a message waits for the ones before it to arrive live, before they are read. */
export const GAP_WAIT_MS = 150;
/**
 * When the database does not have a missing seq yet (its store is still being tried: the
 * database restarting, a client's resend on the way) or cannot be read, it is read again after
 * each of these waits; only then is the seq taken for one never stored. About 8 s in all.
 */
export const GAP_REREAD_MS = [250, 500, 1000, 2000, 4000];

export interface RoomStreamIo {
  emit(message: ChatMessage): void;
  /** The stored messages with seqs `from` to `to`, in order (a seq never stored is absent). */
  read(from: number, to: number): Promise<ChatMessage[]>;
  /** Reads that kept failing until the gap was given up: reported here. */
  failed(error: Error): void;
}

/**
 * One room's messages to one socket, in the order the socket must see them: each seq once, seqs
 * strictly increasing. While the socket's replay is being read, live messages wait behind it;
 * a live message that overtook an earlier one (another replica's, or a slower store) waits up to
 * GAP_WAIT_MS for it, then the missing seqs are read from the database, again and again for a
 * few seconds while they are not there yet. A seq that was never stored (its store failed) is
 * then skipped.
 */
export class RoomStream {
  /** The last seq the socket got; null until known (a room joined without a replay). */
  private lastSent: number | null = null;
  private replaying = false;
  private readonly held = new Map<number, ChatMessage>();
  private gapTimer: NodeJS.Timeout | null = null;
  private reading = false;
  /** Reads of the current gap so far. */
  private gapReads = 0;

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

  /** The last seq sent to the socket; null before its replay or first live message. */
  get lastSentSeq(): number | null {
    return this.lastSent;
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
    const before = this.lastSent;
    for (const seq of [...this.held.keys()]) if (seq <= this.lastSent) this.held.delete(seq);
    for (
      let next = this.held.get(this.lastSent + 1);
      next;
      next = this.held.get(this.lastSent + 1)
    ) {
      this.held.delete(next.seq);
      this.sendIfNext(next);
    }
    // Moving on is a new gap, if any: it gets all its reads.
    if (this.lastSent !== before) this.gapReads = 0;
    if (this.held.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      this.gapReads = 0;
    } else {
      const wait = this.gapReads === 0 ? GAP_WAIT_MS : GAP_REREAD_MS[this.gapReads - 1];
      this.gapTimer ??= setTimeout(() => void this.fillGap(), wait);
    }
  }

  private async fillGap(): Promise<void> {
    this.gapTimer = null;
    if (this.lastSent === null || this.held.size === 0) return;
    const from = this.lastSent + 1;
    const to = Math.min(...this.held.keys()) - 1;
    this.reading = true;
    let failure: Error | undefined;
    try {
      for (const message of await this.io.read(from, to))
        if (message.seq > this.lastSent) this.held.set(message.seq, message);
    } catch (error) {
      failure = error as Error;
    } finally {
      this.reading = false;
    }
    this.gapReads += 1;
    if (!this.held.has(from) && this.gapReads > GAP_REREAD_MS.length) {
      if (failure) this.io.failed(failure);
      // Still not stored after every read: it never was. The socket goes on past it.
      this.lastSent = Math.min(...this.held.keys()) - 1;
    }
    this.drain();
  }
}
