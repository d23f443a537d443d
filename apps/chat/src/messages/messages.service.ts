import { TenantContext } from '@app/auth';
import { type ChatMessage, MessageSentV1, type Sender } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { chatErrors } from '../chat-errors';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { redisKeys } from '../redis-keys';
import { type RoomRecord } from '../rooms/rooms.repository';
import { Sequences } from '../sequences/sequences.service';
import { MessagesRepository } from './messages.repository';

export interface Sent {
  message: ChatMessage;
  /** The same client id was sent before: this is the original, nothing new was stored. */
  duplicate: boolean;
}

interface Outgoing {
  clientMessageId: string;
  body: string;
}

const FIRST_REPLY_KEEP_MS = 7 * 86_400_000;

/** Tries before giving up on a seq: each failed try means Redis handed out a stored seq. */
const SEQ_ATTEMPTS = 5;

/**
 * The message path: a per-room sequence number (Redis), a claim of the client's message id
 * (so a resend is a no-op that returns the original), the message stored under its seq, a
 * broadcast to the room on every replica, then the event via the outbox. Every read and write
 * is by `_id`.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly sequences: Sequences,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async send(room: RoomRecord, sender: Sender, input: Outgoing): Promise<Sent> {
    const sent = await this.store(room, sender, input);
    if (sent.duplicate) return sent;
    const stored = sent.message;
    this.realtime.message(room.tenantId, stored);
    const firstAgentReply = sender.type === 'agent' && (await this.isFirstAgentReply(room));
    await this.events.publish(MessageSentV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        messageId: stored.id,
        seq: stored.seq,
        sender: { type: sender.type, ...(sender.id ? { id: sender.id } : {}) },
        length: stored.body.length,
        sentAt: stored.createdAt,
        roomCreatedAt: room.createdAt.toISOString(),
        ...(firstAgentReply ? { firstAgentReply } : {}),
      },
    });
    return sent;
  }

  /**
   * Whether this is the room's first agent message: the first to set the room's flag in Redis
   * wins, whichever replica it is on. Kept a week, far longer than any conversation lasts.
   */
  private async isFirstAgentReply(room: RoomRecord): Promise<boolean> {
    const key = redisKeys.firstAgentReply(room.tenantId, room.id);
    return (await this.redis.set(key, '1', 'PX', FIRST_REPLY_KEEP_MS, 'NX')) === 'OK';
  }

  /** A message from the room itself ("A live agent will join the chat shortly."). */
  system(room: RoomRecord, body: string): Promise<Sent> {
    return this.send(room, { type: 'system' }, { clientMessageId: `system:${randomUUID()}`, body });
  }

  private async store(room: RoomRecord, sender: Sender, input: Outgoing): Promise<Sent> {
    if (room.status === 'closed') {
      // A resend of a message stored before the close still gets its original.
      const earlier = await this.messages.claimedSeq(room.id, input.clientMessageId);
      if (earlier === null) throw chatErrors.roomClosed();
      return this.original(room, sender, input, earlier);
    }

    const key = redisKeys.messageSeq(room.tenantId, room.id);
    const highest = () => this.messages.highestSeq(room.id);
    let seq = await this.sequences.next(key, highest);
    // No lookup first: a resend is rare, and its claim fails like a racing send's would.
    if (!(await this.messages.claim(room.id, input.clientMessageId, seq))) {
      // Sent before, or racing in from another connection: answer with the original.
      const winner = await this.messages.claimedSeq(room.id, input.clientMessageId);
      return this.original(room, sender, input, winner!);
    }
    for (let attempt = 1; ; attempt++) {
      const stored = await this.messages.insert(message(room, sender, input, seq));
      if (stored) return { message: stored, duplicate: false };
      const holder = await this.messages.bySeq(room.id, seq);
      // A resend found our claim before we stored, and stored the message itself.
      if (holder?.clientMessageId === input.clientMessageId)
        return { message: holder, duplicate: true };
      if (attempt === SEQ_ATTEMPTS) throw new Error(`no free seq in room ${room.id}`);
      seq = await this.sequences.nextAfterCollision(key, highest);
      await this.messages.moveClaim(room.id, input.clientMessageId, seq);
    }
  }

  /**
   * A resend: the original message. If the first send stopped between claiming and storing
   * (its process died), the message is stored now, under the claimed seq.
   */
  private async original(
    room: RoomRecord,
    sender: Sender,
    input: Outgoing,
    seq: number,
  ): Promise<Sent> {
    const found = await this.messages.bySeq(room.id, seq);
    if (found?.clientMessageId === input.clientMessageId)
      return { message: found, duplicate: true };
    if (found) throw chatErrors.busy();
    const stored = await this.messages.insert(message(room, sender, input, seq));
    if (stored) return { message: stored, duplicate: false };
    const winner = await this.messages.bySeq(room.id, seq);
    if (winner?.clientMessageId !== input.clientMessageId) throw chatErrors.busy();
    return { message: winner, duplicate: true };
  }

  /** The last seq of each room (what a client that saw everything would send as `lastSeq`). */
  async lastSeqs(rooms: Array<Pick<RoomRecord, 'tenantId' | 'id'>>): Promise<number[]> {
    const known = await this.sequences.peek(
      rooms.map((room) => redisKeys.messageSeq(room.tenantId, room.id)),
    );
    return Promise.all(known.map((seq, index) => seq ?? this.messages.highestSeq(rooms[index].id)));
  }

  /** Up to `limit` messages after `afterSeq`, in order: what a reconnecting client missed. */
  async replay(roomId: string, afterSeq: number, limit = 500): Promise<ChatMessage[]> {
    const last = await this.lastSeq(roomId);
    return this.messages.range(roomId, afterSeq + 1, Math.min(last, afterSeq + limit));
  }

  /** A page of history: forward from `after`, or back from `before` (scrolling up). */
  async history(
    roomId: string,
    options: { after?: number; before?: number; limit: number },
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    const last = await this.lastSeq(roomId);
    if (options.before !== undefined) {
      const to = Math.min(options.before - 1, last);
      const from = Math.max(1, to - options.limit + 1);
      return { messages: await this.messages.range(roomId, from, to), hasMore: from > 1 };
    }
    const from = (options.after ?? 0) + 1;
    const to = Math.min(last, from + options.limit - 1);
    return { messages: await this.messages.range(roomId, from, to), hasMore: to < last };
  }

  private async lastSeq(roomId: string): Promise<number> {
    const [last] = await this.lastSeqs([{ tenantId: TenantContext.current(), id: roomId }]);
    return last;
  }
}

function message(room: RoomRecord, sender: Sender, input: Outgoing, seq: number) {
  return {
    roomId: room.id,
    seq,
    clientMessageId: input.clientMessageId,
    sender,
    body: input.body,
    createdAt: new Date(),
  };
}
