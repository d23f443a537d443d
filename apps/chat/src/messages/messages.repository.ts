import { type ChatMessage } from '@app/contracts';
import { isDuplicateKey } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { Message } from './message.schema';

export const toChatMessage = (message: Message): ChatMessage => ({
  id: message._id,
  roomId: message.roomId,
  seq: message.seq,
  sender: message.sender,
  body: message.body,
  ...(message.sender.type === 'system' ? {} : { clientMessageId: message.clientMessageId }),
  createdAt: message.createdAt.toISOString(),
});

@Injectable()
export class MessagesRepository {
  constructor(@InjectModel(Message.name) private readonly messages: Model<Message>) {}

  async findByClientId(roomId: string, clientMessageId: string): Promise<ChatMessage | null> {
    const found = await this.messages.findOne({ roomId, clientMessageId }).lean();
    return found && toChatMessage(found);
  }

  /** Stores a message; null when one with the same client id got there first. */
  async insert(message: Omit<Message, 'tenantId'>): Promise<ChatMessage | null> {
    try {
      const created = await this.messages.create(message);
      return toChatMessage(created.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  async highestSeq(roomId: string): Promise<number> {
    const last = await this.messages.findOne({ roomId }, { seq: 1 }).sort({ seq: -1 }).lean();
    return last?.seq ?? 0;
  }

  /** Messages after `afterSeq`, in order: a reconnecting client's replay and history pages. */
  async after(roomId: string, afterSeq: number, limit: number): Promise<ChatMessage[]> {
    return (
      await this.messages
        .find({ roomId, seq: { $gt: afterSeq } })
        .sort({ seq: 1 })
        .limit(limit)
        .lean()
    ).map(toChatMessage);
  }

  /** The page of messages before `beforeSeq`, returned in order (scrolling up). */
  async before(roomId: string, beforeSeq: number, limit: number): Promise<ChatMessage[]> {
    const page = await this.messages
      .find({ roomId, seq: { $lt: beforeSeq } })
      .sort({ seq: -1 })
      .limit(limit)
      .lean();
    return page.reverse().map(toChatMessage);
  }
}
