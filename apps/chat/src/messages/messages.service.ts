import { type ChatMessage, MessageSentV1, type Sender } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { chatErrors } from '../chat-errors';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { type RoomRecord, RoomsRepository } from '../rooms/rooms.repository';
import { MessagesRepository } from './messages.repository';

export interface Sent {
  message: ChatMessage;
  /** The same client id was sent before: this is the original, nothing new was stored. */
  duplicate: boolean;
}

/**
 * The message path: a per-room sequence number, one insert (unique on the client's id, so a
 * resend is a no-op), a broadcast to the room on every replica, then the event via the outbox.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly rooms: RoomsRepository,
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

    const seq = await this.rooms.nextSeq(room.id);
    if (seq === null) throw chatErrors.roomClosed();
    const stored = await this.messages.insert({
      _id: randomUUID(),
      roomId: room.id,
      seq,
      clientMessageId: input.clientMessageId,
      sender,
      body: input.body,
      createdAt: new Date(),
    });
    if (!stored) {
      // The same client id raced in from another connection: answer with the winner.
      const winner = await this.messages.findByClientId(room.id, input.clientMessageId);
      return { message: winner!, duplicate: true };
    }
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

  /** A message from the room itself ("A live agent will join the chat shortly."). */
  system(room: RoomRecord, body: string): Promise<Sent> {
    return this.send(room, { type: 'system' }, { clientMessageId: `system:${randomUUID()}`, body });
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
