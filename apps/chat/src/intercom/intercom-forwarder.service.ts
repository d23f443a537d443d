import { InjectConfig } from '@app/config';
import {
  type ChatMessage,
  ChatroomClosedV1,
  type CloseReason,
  MessageSentV1,
  type PayloadOf,
} from '@app/contracts';
import { EventBatchStream, type PartitionBatch } from '@app/messaging';
import { forTenant } from '@app/tenancy';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type ChatConfig } from '../chat.config';
import { MessagesRepository } from '../messages/messages.repository';
import { RoomsRepository } from '../rooms/rooms.repository';
import { type RoomRecord } from '../rooms/room-record';
import { IntercomClient } from './intercom-client';
import { IntercomConnectionsRepository } from './intercom-connections.repository';
import { IntercomCredentials } from './intercom-credentials';
import {
  IntercomRateLimitedError,
  IntercomRefusedError,
  IntercomWorkInProgressError,
} from './intercom-errors';
import { IntercomLinksRepository, type LinkRecord } from './intercom-links.repository';
import { isBridged } from './intercom-scope';

/** The consumer group's name: `<KAFKA_CONSUMER_GROUP>-intercom`. */
export const INTERCOM_CONSUMER = 'intercom';

/** How long to come back after another replica was found doing the same work. */
const BUSY_RETRY_MS = 2_000;

/**
 * Sends visitors' messages of bridged rooms on to Intercom, from `chat.message.sent` in a
 * consumer group of its own, off the message path: the room's first messages start the Intercom
 * conversation (the contact found, or created, by the visitor's email), later ones are the
 * contact's replies. At least once, never twice: each message is claimed (`intercom_forwards`)
 * before its call and marked forwarded after, so a redelivered event skips it; a room's link is
 * inserted first by the one replica that starts its conversation. A call that failed gives its
 * claims back and the batch is tried again (after Intercom's `Retry-After` on a rate limit).
 *
 * A room closed in Parley (`chat.room.closed`) closes its Intercom conversation too, as the
 * admin whose token the workspace connected, unless Intercom closed it first.
 */
@Injectable()
export class IntercomForwarder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IntercomForwarder.name);
  private readonly stream: EventBatchStream;

  constructor(
    @InjectConfig() private readonly config: ChatConfig,
    private readonly connections: IntercomConnectionsRepository,
    private readonly credentials: IntercomCredentials,
    private readonly links: IntercomLinksRepository,
    private readonly rooms: RoomsRepository,
    private readonly messages: MessagesRepository,
    private readonly intercom: IntercomClient,
  ) {
    this.stream = new EventBatchStream({
      name: INTERCOM_CONSUMER,
      kafka: config,
      events: [MessageSentV1, ChatroomClosedV1],
      handle: (batch) => this.forward(batch),
      maxRetryDelayMs: 30_000,
      retryDelayOf: (error) => retryDelayOf(error),
      // A visitor's message should reach Intercom within a second or two.
      fetch: { minBytes: 1, maxWaitTimeInMs: 200 },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.stream.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stream.stop();
  }

  /** A batch of one partition: each room's visitor messages, rooms in turn, in seq order. */
  async forward(batch: PartitionBatch): Promise<void> {
    if (batch.topic === ChatroomClosedV1.topic) return this.forwardCloses(batch);
    const rooms = new Map<string, { tenantId: string; seqs: number[] }>();
    for (const { event } of batch.events) {
      const payload = event.payload as PayloadOf<typeof MessageSentV1>;
      if (payload.sender.type !== 'visitor') continue;
      const room = rooms.get(payload.roomId) ?? { tenantId: event.tenantId, seqs: [] };
      room.seqs.push(payload.seq);
      rooms.set(payload.roomId, room);
    }
    for (const [roomId, { tenantId, seqs }] of rooms)
      await forTenant(tenantId, 'a message event names its tenant', () =>
        this.forwardRoom(roomId, seqs),
      );
  }

  private async forwardCloses(batch: PartitionBatch): Promise<void> {
    for (const { event } of batch.events) {
      const { roomId, reason } = event.payload as PayloadOf<typeof ChatroomClosedV1>;
      await forTenant(event.tenantId, 'a close event names its tenant', () =>
        this.forwardClose(roomId, reason),
      );
    }
  }

  private async forwardRoom(roomId: string, seqs: number[]): Promise<void> {
    const connection = await this.connections.find();
    if (!connection) return;
    const room = await this.rooms.findById(roomId);
    if (!room || !isBridged(connection.scope, room)) return;
    const token = this.credentials.open(connection.accessTokenSealed);
    const found = await Promise.all(seqs.map((seq) => this.messages.bySeq(roomId, seq)));
    const messages = found
      .filter((message): message is ChatMessage => message !== null)
      .sort((a, b) => a.seq - b.seq);
    if (messages.length === 0) return;
    await this.guarded(roomId, 'forwarding a visitor message', async () => {
      const link = await this.links.find(roomId);
      if (link?.intercomConversationId) await this.reply(token, link, messages);
      else await this.start(token, room, messages);
    });
  }

  /** Closes the room's Intercom conversation, unless there is none or Intercom closed it. */
  private async forwardClose(roomId: string, reason: CloseReason): Promise<void> {
    const connection = await this.connections.find();
    if (!connection) return;
    const link = await this.links.find(roomId);
    const conversationId = link?.intercomConversationId;
    if (!conversationId || link.state === 'closed') return;
    const token = this.credentials.open(connection.accessTokenSealed);
    await this.guarded(roomId, 'closing the Intercom conversation', async () => {
      // Closed there already (its close closed the room): Parley has nothing to add.
      const conversation = await this.intercom.getConversation(token, conversationId);
      if (conversation.state === 'closed') return;
      const adminId = connection.adminId ?? (await this.intercom.me(token)).id;
      const partId = await this.intercom.closeConversation(
        token,
        conversationId,
        adminId,
        `Closed in Parley (${reason}).`,
      );
      // Marked as Intercom's own close would be: its webhook and the poll then change nothing.
      await this.links.closed(roomId, partId ?? `parley:${roomId}`);
    });
  }

  /**
   * Runs a call to Intercom for a room, noting how it went on the connection. A refusal (a
   * revoked token, a deleted conversation) will not change by trying again, and must not hold up
   * the other rooms of the partition: that work is given up. Anything else is tried again.
   */
  private async guarded(roomId: string, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      await this.connections.note('lastForwardAt');
    } catch (error) {
      if (error instanceof IntercomWorkInProgressError) throw error;
      await this.connections.noteError(`${what}: ${(error as Error).message}`);
      if (error instanceof IntercomRefusedError) {
        this.logger.warn(`room ${roomId}: ${what} refused by Intercom: ${error.message}`);
        return;
      }
      throw error;
    }
  }

  /**
   * Starts the room's Intercom conversation with these messages (those not forwarded yet), from
   * the contact with the visitor's email; when another replica started it meanwhile, replies.
   */
  private async start(token: string, room: RoomRecord, messages: ChatMessage[]): Promise<void> {
    const claim = await this.links.claimStart(room.id, new Date());
    if (claim.kind === 'busy') throw new IntercomWorkInProgressError(`room ${room.id}`);
    if (claim.kind === 'done') return this.reply(token, claim.record, messages);
    const claimed = await this.claimMessages(room.id, messages, 'start');
    if (claimed.length === 0) {
      await this.links.releaseStart(room.id);
      return;
    }
    let linked = false;
    try {
      const contact =
        (await this.intercom.findContactByEmail(token, room.visitor.email)) ??
        (await this.intercom.createContact(token, {
          email: room.visitor.email,
          name: room.visitor.name,
        }));
      const started = await this.intercom.startConversation(token, contact, joined(claimed));
      // The link first: once it names the conversation, no replica starts another.
      await this.links.started(
        room.id,
        started.conversationId,
        {
          id: contact.id,
          role: contact.role ?? null,
          email: room.visitor.email,
          name: room.visitor.name,
        },
        this.nextPoll(),
      );
      linked = true;
      await this.links.forwarded(
        claimed.map((message) => message.id),
        started.messageId,
      );
      await this.rooms.linkIntercom(room.id, started.conversationId);
    } catch (error) {
      // Once the link names the conversation the messages are in it: never sent again.
      if (!linked) {
        await this.links.releaseForwards(claimed.map((message) => message.id));
        await this.links.releaseStart(room.id);
      }
      throw error;
    }
  }

  /** Each message not forwarded yet becomes the contact's reply, in order. */
  private async reply(token: string, link: LinkRecord, messages: ChatMessage[]): Promise<void> {
    for (const message of messages) {
      const [claimed] = await this.claimMessages(link._id, [message], 'reply');
      if (!claimed) continue;
      try {
        const partId = await this.intercom.replyAsContact(
          token,
          link.intercomConversationId!,
          link.contact!.id,
          joined([message]),
        );
        await this.links.forwarded([message.id], partId);
      } catch (error) {
        await this.links.releaseForwards([message.id]);
        throw error;
      }
    }
  }

  /** The messages this replica may forward: claimed now; forwarded ones are skipped. */
  private async claimMessages(
    roomId: string,
    messages: ChatMessage[],
    purpose: 'start' | 'reply',
  ): Promise<ChatMessage[]> {
    const mine: ChatMessage[] = [];
    for (const message of messages) {
      const claim = await this.links.claimForward(
        message.id,
        roomId,
        purpose,
        new Date(),
        purpose === 'reply',
      );
      if (claim.kind === 'busy') {
        await this.links.releaseForwards(mine.map((claimed) => claimed.id));
        throw new IntercomWorkInProgressError(`message ${message.id}`);
      }
      if (claim.kind === 'ours') mine.push(message);
    }
    return mine;
  }

  private nextPoll(): Date {
    return new Date(Date.now() + this.config.INTERCOM_POLL_QUIET_MS);
  }
}

/** The text Intercom gets: the messages' words, with the names of the files they carry. */
function joined(messages: ChatMessage[]): string {
  return messages
    .map((message) =>
      [message.body, ...(message.attachments ?? []).map((file) => `[${file.name}]`)]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n\n');
}

/** Intercom said when to come back, or another replica holds the work: wait that long. */
function retryDelayOf(error: unknown): number | undefined {
  if (error instanceof IntercomRateLimitedError)
    return Math.max(0, error.retryAt.getTime() - Date.now());
  if (error instanceof IntercomWorkInProgressError) return BUSY_RETRY_MS;
  return undefined;
}
