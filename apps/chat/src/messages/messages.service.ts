import { type ChatMessage, MessageSentV1, type Sender } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
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

/** Tries before giving up on a seq: each failed try means Redis handed out a stored seq. */
const SEQ_ATTEMPTS = 5;

/**
 * The message path: a per-room sequence number (Redis), one insert (unique on the client's id,
 * so a resend is a no-op, and on the seq), a broadcast to the room on every replica, then the
 * event via the outbox.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly sequences: Sequences,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
  ) {}

  async send(
    room: RoomRecord,
    sender: Sender,
    input: { clientMessageId: string; body: string },
  ): Promise<Sent> {
    const original = await this.messages.findByClientId(room.id, input.clientMessageId);
    if (original) return { message: original, duplicate: true };

    if (room.status === 'closed') throw chatErrors.roomClosed();

    const sent = await this.store(room, sender, input);
    if (sent.duplicate) return sent;
    const stored = sent.message;
    this.realtime.message(room.tenantId, stored);
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
      },
    });
    return { message: stored, duplicate: false };
  }

  /** Stores the message under the room's next seq. */
  private async store(
    room: RoomRecord,
    sender: Sender,
    input: { clientMessageId: string; body: string },
  ): Promise<Sent> {
    const key = redisKeys.messageSeq(room.tenantId, room.id);
    const highest = () => this.messages.highestSeq(room.id);
    for (let attempt = 1; ; attempt++) {
      const seq =
        attempt === 1
          ? await this.sequences.next(key, highest)
          : await this.sequences.nextAfterCollision(key, highest);
      const stored = await this.messages.insert({
        _id: randomUUID(),
        roomId: room.id,
        seq,
        clientMessageId: input.clientMessageId,
        sender,
        body: input.body,
        createdAt: new Date(),
      });
      if (stored) return { message: stored, duplicate: false };
      // The same client id raced in from another connection: answer with the winner.
      const winner = await this.messages.findByClientId(room.id, input.clientMessageId);
      if (winner) return { message: winner, duplicate: true };
      if (attempt === SEQ_ATTEMPTS) throw new Error(`no free seq in room ${room.id}`);
    }
  }

  /** A message from the room itself ("A live agent will join the chat shortly."). */
  system(room: RoomRecord, body: string): Promise<Sent> {
    return this.send(room, { type: 'system' }, { clientMessageId: `system:${randomUUID()}`, body });
  }

  /** The last seq of each room (what a client that saw everything would send as `lastSeq`). */
  async lastSeqs(rooms: RoomRecord[]): Promise<number[]> {
    const known = await this.sequences.peek(
      rooms.map((room) => redisKeys.messageSeq(room.tenantId, room.id)),
    );
    return Promise.all(known.map((seq, index) => seq ?? this.messages.highestSeq(rooms[index].id)));
  }

  replay(roomId: string, afterSeq: number, limit = 500): Promise<ChatMessage[]> {
    return this.messages.after(roomId, afterSeq, limit);
  }

  history(
    roomId: string,
    options: { after?: number; before?: number; limit: number },
  ): Promise<ChatMessage[]> {
    return options.before !== undefined
      ? this.messages.before(roomId, options.before, options.limit)
      : this.messages.after(roomId, options.after ?? 0, options.limit);
  }
}
