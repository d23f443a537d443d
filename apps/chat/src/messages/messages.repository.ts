import { findOwnById, TenantContext } from '@app/tenancy';
import { GroupInserter } from '@app/database';
import { type ChatMessage } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { AttachmentLinks } from '../attachments/attachment-links';
import { Message, messageKey } from './message.schema';

/** Read in parallel, this many at a time: a page of history is that many `_id` lookups. */
const LOOKUPS_AT_ONCE = 50;

/**
 * Messages of the tenant in context. Everything on the message path reads by `_id` (a message
 * is `<room>:<seq>`), the one lookup FerretDB v1 serves from an index; only what Redis forgot
 * (a room's highest seq, the seq of a client message id) is found by a scan.
 */
@Injectable()
export class MessagesRepository {
  private readonly messageInserter: GroupInserter;

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly links: AttachmentLinks,
  ) {
    // Messages of every room are written in groups (group commit): see GroupInserter.
    this.messageInserter = new GroupInserter(messages.collection);
  }

  async bySeq(roomId: string, seq: number): Promise<ChatMessage | null> {
    const found = await findOwnById(this.messages, messageKey(roomId, seq));
    return found && this.toChatMessage(found);
  }

  /**
   * The message stored for a client message id; a scan on FerretDB, for when Redis no longer
   * knows the seq it got.
   */
  async byClientMessageId(roomId: string, clientMessageId: string): Promise<ChatMessage | null> {
    const found = await this.messages.findOne({ roomId, clientMessageId }).lean();
    return found && this.toChatMessage(found);
  }

  /** Stores a message; null when its seq is taken or its client message id was stored. */
  async insert(message: Omit<Message, 'tenantId' | '_id'>): Promise<ChatMessage | null> {
    const document = { _id: messageKey(message.roomId, message.seq), ...message };
    const outcome = await this.messageInserter.insert(document);
    return outcome === 'inserted'
      ? this.toChatMessage({ ...document, tenantId: TenantContext.current() })
      : null;
  }

  /** Deletes every message of a room (a deleted conversation); a scan on FerretDB. */
  async deleteRoom(roomId: string): Promise<void> {
    await this.messages.deleteMany({ roomId }).exec();
  }

  /**
   * A stored message as clients see it. Its files get links made now: a link works for minutes,
   * and only code that checked who asks hands messages out (the room's visitor, the tenant's
   * agents).
   */
  private toChatMessage(message: Message): ChatMessage {
    return {
      id: message._id,
      roomId: message.roomId,
      seq: message.seq,
      sender: message.sender,
      body: message.body,
      ...(message.sender.type === 'system' ? {} : { clientMessageId: message.clientMessageId }),
      ...(message.attachments?.length
        ? {
            attachments: message.attachments.map((attachment) =>
              this.links.withLinks(message.tenantId, attachment),
            ),
          }
        : {}),
      createdAt: message.createdAt.toISOString(),
    };
  }

  /** The messages with seqs `from` to `to`, in order (seqs with no message are skipped). */
  async range(roomId: string, from: number, to: number): Promise<ChatMessage[]> {
    const found: ChatMessage[] = [];
    for (let start = Math.max(1, from); start <= to; start += LOOKUPS_AT_ONCE) {
      const seqs = Array.from(
        { length: Math.min(LOOKUPS_AT_ONCE, to - start + 1) },
        (_, offset) => start + offset,
      );
      const page = await Promise.all(seqs.map((seq) => this.bySeq(roomId, seq)));
      for (const message of page) if (message) found.push(message);
    }
    return found;
  }

  /** The room's highest stored seq; a scan on FerretDB, for when Redis lost the counter. */
  async highestSeq(roomId: string): Promise<number> {
    const last = await this.messages.findOne({ roomId }, { seq: 1 }).sort({ seq: -1 }).lean();
    return last?.seq ?? 0;
  }
}
