import { TenantContext } from '@app/tenancy';
import { type ChatMessage, type Sender } from '@app/contracts';
import { REDIS } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { type StoredAttachment } from '../attachments/attachment-links';
import { AttachmentsService } from '../attachments/attachments.service';
import { chatErrors } from '../chat-errors';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { redisKeys } from '../redis-keys';
import { type RoomRecord } from '../rooms/room-record';
import { MessageSentEvents } from './message-sent-events';
import { MessageSeqAllocator } from './message-seq.allocator';
import { MessagesRepository } from './messages.repository';

export interface Sent {
  message: ChatMessage;
  /** The same client id was sent before: this is the original, nothing new was stored. */
  duplicate: boolean;
}

interface Outgoing {
  clientMessageId: string;
  body: string;
  /** Uploads of the room by the sender (`POST /rooms/:id/attachments`). */
  attachmentIds?: string[];
}

const FIRST_REPLY_KEEP_MS = 7 * 86_400_000;

/** Tries before giving up on a seq: each failed try means Redis handed out a stored seq. */
const SEQ_ATTEMPTS = 5;

/**
 * The message path: a per-room seq claimed for the client's message id (Redis, one script), the
 * message stored under its seq (one grouped insert; a resend is refused by the unique client
 * message id and answered with the original), a broadcast to the room on every replica, then
 * the event via the outbox. Every read and write is by `_id`, except finding an original that
 * Redis forgot.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly seqs: MessageSeqAllocator,
    private readonly realtime: RealtimeBus,
    private readonly sentEvents: MessageSentEvents,
    private readonly attachments: AttachmentsService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    // A socket missing seqs that never came live (a replica died between store and broadcast)
    // gets them from here.
    realtime.delivery.readWith((roomId, from, to) => messages.range(roomId, from, to));
  }

  private readonly firstReplyListeners: Array<(room: RoomRecord, at: Date) => Promise<void>> = [];
  private readonly logger = new Logger(MessagesService.name);

  async send(room: RoomRecord, sender: Sender, input: Outgoing): Promise<Sent> {
    const sent = input.attachmentIds?.length
      ? await this.storeWithAttachments(room, sender, input, input.attachmentIds)
      : await this.store(room, sender, input);
    if (sent.duplicate) return sent;
    const stored = sent.message;
    this.realtime.message(room.tenantId, stored);
    const firstAgentReply = sender.type === 'agent' && (await this.isFirstAgentReply(room));
    if (firstAgentReply) await this.firstAgentReplied(room, new Date(stored.createdAt));
    await this.sentEvents.publish(room, stored, { firstAgentReply });
    return sent;
  }

  /**
   * Called with a room and the time of its first agent message (the SLA's first response; the
   * SLA sits above messages, so it listens rather than being called).
   */
  onFirstAgentReply(listener: (room: RoomRecord, at: Date) => Promise<void>): void {
    this.firstReplyListeners.push(listener);
  }

  /** The message is stored and sent whatever a listener does: a failure is only logged. */
  private async firstAgentReplied(room: RoomRecord, at: Date): Promise<void> {
    for (const listener of this.firstReplyListeners)
      await listener(room, at).catch((error: Error) =>
        this.logger.warn(`first reply of room ${room.id} not recorded: ${error.message}`),
      );
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

  /**
   * A message with files: each must be the sender's upload in this room, not sent before. They
   * are marked as this message's (by room and client message id, so a resend may carry them
   * again) before it is stored, and given back if it is not.
   */
  private async storeWithAttachments(
    room: RoomRecord,
    sender: Sender,
    input: Outgoing,
    attachmentIds: string[],
  ): Promise<Sent> {
    const messageRef = `${room.id}/${input.clientMessageId}`;
    const files = await this.attachments.forMessage(room.id, sender, attachmentIds, messageRef);
    if (!(await this.attachments.markSent(attachmentIds, messageRef)))
      throw chatErrors.invalid('attachmentIds: an attachment was sent in another message');
    try {
      return await this.store(room, sender, input, files);
    } catch (error) {
      await this.attachments.unmarkSent(attachmentIds, messageRef).catch(() => undefined);
      throw error;
    }
  }

  private async store(
    room: RoomRecord,
    sender: Sender,
    input: Outgoing,
    files?: StoredAttachment[],
  ): Promise<Sent> {
    if (room.status === 'closed') {
      // A resend of a message stored before the close still gets its original.
      const earlier = await this.earlierSend(room, input.clientMessageId);
      if (!earlier) throw chatErrors.roomClosed();
      return { message: earlier, duplicate: true };
    }

    const highest = () => this.messages.highestSeq(room.id);
    // A resend comes back with the seq it claimed before, and its insert is refused just below.
    let { seq, fresh } = await this.seqs.claim(room, input.clientMessageId, highest);
    for (let attempt = 1; ; attempt++) {
      const document = message(room, sender, input, seq, files);
      // A new seq's event is owed before the message can be stored: should this replica die
      // before publishing it, a sweep does. A resend's seq was owed (or settled) by its first send.
      const [, stored] = await Promise.all([
        fresh &&
          this.sentEvents
            .owed(room, seq)
            .catch((error: Error) =>
              this.logger.warn(`event ledger not written: ${error.message}`),
            ),
        this.messages.insert(document),
      ]);
      if (stored) return { message: stored, duplicate: false };
      const holder = await this.messages.bySeq(room.id, seq);
      // A resend, or a send racing its resend to the same claimed seq: the original.
      if (holder?.clientMessageId === input.clientMessageId)
        return { message: holder, duplicate: true };
      if (!holder) {
        // Refused for its client message id alone: stored before, under a seq Redis forgot.
        const original = await this.messages.byClientMessageId(room.id, input.clientMessageId);
        if (!original) throw chatErrors.busy();
        if (fresh) await this.giveBack(room, seq, input.clientMessageId, original.seq);
        return { message: original, duplicate: true };
      }
      // The seq holds another message: Redis lost the room's counter and handed it out again.
      if (attempt === SEQ_ATTEMPTS) throw new Error(`no free seq in room ${room.id}`);
      ({ seq, fresh } = await this.seqs.reclaim(room, input.clientMessageId, highest));
    }
  }

  /**
   * A seq claimed for a resend that turned out to have its original: handed back, and its event
   * no longer owed. Should either fail, the seq is skipped, as the contract allows.
   */
  private async giveBack(
    room: RoomRecord,
    seq: number,
    clientMessageId: string,
    originalSeq: number,
  ): Promise<void> {
    await Promise.all([
      this.seqs.giveBack(room, seq, clientMessageId, originalSeq),
      this.sentEvents.notOwed(room, seq),
    ]).catch((error: Error) => this.logger.warn(`seq ${seq} not given back: ${error.message}`));
  }

  /** The message a client message id was stored as, if it was. */
  private async earlierSend(
    room: RoomRecord,
    clientMessageId: string,
  ): Promise<ChatMessage | null> {
    const seq = await this.seqs.claimed(room, clientMessageId);
    const found = seq === null ? null : await this.messages.bySeq(room.id, seq);
    if (found?.clientMessageId === clientMessageId) return found;
    return this.messages.byClientMessageId(room.id, clientMessageId);
  }

  /** The last seq of each room (what a client that saw everything would send as `lastSeq`). */
  async lastSeqs(rooms: Array<Pick<RoomRecord, 'tenantId' | 'id'>>): Promise<number[]> {
    const known = await this.seqs.last(rooms);
    const forgotten = rooms.filter((_, index) => known[index] === null);
    if (forgotten.length === 0) return known as number[];
    const stored = await Promise.all(forgotten.map((room) => this.messages.highestSeq(room.id)));
    // A seq handed out meanwhile is not undone: `remember` sets only what Redis still lacks, and
    // were it stale, the messages' unique ids refuse the seq it would hand out twice.
    await this.seqs.remember(forgotten, stored);
    let next = 0;
    return known.map((seq) => seq ?? stored[next++]!);
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

  /** The room's last seq handed out. */
  async lastSeq(roomId: string): Promise<number> {
    const [last] = await this.lastSeqs([{ tenantId: TenantContext.current(), id: roomId }]);
    return last;
  }
}

function message(
  room: RoomRecord,
  sender: Sender,
  input: Outgoing,
  seq: number,
  files?: StoredAttachment[],
) {
  return {
    roomId: room.id,
    seq,
    clientMessageId: input.clientMessageId,
    sender,
    body: input.body,
    // Written as is (no mongoose defaults on the grouped insert): no key when there are no files.
    ...(files?.length ? { attachments: files } : {}),
    createdAt: new Date(),
  };
}
