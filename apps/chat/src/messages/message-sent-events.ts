import { InjectConfig } from '@app/config';
import { type ChatMessage, MessageSentV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { REDIS, RedisLocks } from '@app/platform';
import { PeriodicTask } from '@app/scheduling';
import { forTenant } from '@app/tenancy';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';
import { type RoomRecord } from '../rooms/room-record';
import { stableUuid } from '../sla/stable-id';
import { MessagesRepository } from './messages.repository';

/** How often a replica looks for stored messages whose event never left. */
const SWEEP_EVERY_MS = 10_000;
/** A message still unpublished this long after it was stored is taken for its sender's crash. */
const PUBLISH_GRACE_MS = 30_000;
/** A seq claimed this long ago with no message stored never became one (a failed insert). */
const NEVER_STORED_AFTER_MS = 5 * 60_000;
const SWEEP_BATCH = 500;
/** Owed events one sweep looks at, at most; the next sweep goes on. */
const SWEEP_LIMIT = 20_000;

type EventRoom = Pick<RoomRecord, 'tenantId' | 'id' | 'chatbotId' | 'createdAt'>;

/** A pending event as the ledger keeps it: what the event needs besides the message itself. */
const memberOf = (room: EventRoom, seq: number) =>
  [room.tenantId, room.id, seq, room.chatbotId, room.createdAt.getTime()].join(' ');

function parseMember(member: string): { room: EventRoom; seq: number } {
  const [tenantId, id, seq, chatbotId, createdAt] = member.split(' ');
  return { room: { tenantId, id, chatbotId, createdAt: new Date(Number(createdAt)) }, seq: +seq };
}

/**
 * `chat.message.sent.v1` for every stored message, even when the replica that stored it died
 * before its event reached the outbox (the message is in the database, the event in nobody's
 * hands, and a resend is answered as a duplicate, which publishes nothing). Before a message
 * is inserted its seq goes into a Redis ledger; once its event is in the outbox it leaves the
 * ledger. A sweep on every replica publishes what stayed in the ledger past a grace period and
 * is stored. The event enters the outbox and leaves the ledger in one Redis transaction, so no
 * crash has it published twice that way; its id comes from the message id all the same.
 */
@Injectable()
export class MessageSentEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessageSentEvents.name);
  private readonly ledgerKey: string;
  private readonly sweeps: PeriodicTask;

  constructor(
    private readonly events: EventPublisher,
    private readonly messages: MessagesRepository,
    private readonly locks: RedisLocks,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() config: ChatConfig,
  ) {
    this.ledgerKey = redisKeys.unpublishedMessages(config.MONGO_DB);
    this.sweeps = new PeriodicTask(
      'publishing events of messages stored by a replica that died',
      SWEEP_EVERY_MS,
      async () => {
        await this.sweep();
      },
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.sweeps.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeps.stop();
  }

  /** Before the message with this seq is stored: its event is owed from now on. */
  async owed(room: EventRoom, seq: number): Promise<void> {
    await this.redis.zadd(this.ledgerKey, Date.now(), memberOf(room, seq));
  }

  /** A seq given back before its message was stored: no event is owed for it. */
  async notOwed(room: EventRoom, seq: number): Promise<void> {
    await this.redis.zrem(this.ledgerKey, memberOf(room, seq));
  }

  /** The message's event, into the outbox; with it, it is no longer owed. */
  async publish(
    room: EventRoom,
    message: ChatMessage,
    extra: { firstAgentReply?: boolean } = {},
  ): Promise<void> {
    await this.events.publish(MessageSentV1, {
      eventId: stableUuid(`message-sent:${message.id}`),
      settles: { key: this.ledgerKey, member: memberOf(room, message.seq) },
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        messageId: message.id,
        seq: message.seq,
        sender: {
          type: message.sender.type,
          ...(message.sender.id ? { id: message.sender.id } : {}),
        },
        length: message.body.length,
        ...(message.attachments?.length ? { attachments: message.attachments.length } : {}),
        sentAt: message.createdAt,
        roomCreatedAt: room.createdAt.toISOString(),
        ...(extra.firstAgentReply ? { firstAgentReply: true } : {}),
      },
    });
  }

  /**
   * Publishes the events owed for longer than `graceMs` whose message is stored, and forgets the
   * seqs that were never stored; one replica at a time, a page at a time. Seqs still waiting for
   * their message (a store being retried) stay, and the pages go past them. Returns how many
   * it looked at.
   */
  async sweep(graceMs = PUBLISH_GRACE_MS, neverStoredMs = NEVER_STORED_AFTER_MS): Promise<number> {
    const outcome = await this.locks.run(
      `${this.ledgerKey}:sweep`,
      { lockMs: 60_000 },
      async () => {
        const now = Date.now();
        let looked = 0;
        for (let offset = 0; looked < SWEEP_LIMIT;) {
          const owed = await this.redis.zrangebyscore(
            this.ledgerKey,
            '-inf',
            now - graceMs,
            'WITHSCORES',
            'LIMIT',
            offset,
            SWEEP_BATCH,
          );
          for (let index = 0; index < owed.length; index += 2) {
            if (!(await this.settle(owed[index], Number(owed[index + 1]), now - neverStoredMs)))
              offset += 1;
          }
          looked += owed.length / 2;
          if (owed.length / 2 < SWEEP_BATCH) break;
        }
        return looked;
      },
    );
    return outcome.ran ? outcome.result : 0;
  }

  /** One owed event: published, or forgotten; false when it stays (its message may yet come). */
  private async settle(member: string, owedSince: number, forgetBefore: number) {
    const { room, seq } = parseMember(member);
    const message = await forTenant(room.tenantId, 'the ledger names its tenant', () =>
      this.messages.bySeq(room.id, seq),
    );
    if (message) {
      await this.publish(room, message);
      this.logger.warn(`published the event of message ${message.id} after its sender died`);
      return true;
    }
    if (owedSince >= forgetBefore) return false;
    await this.redis.zrem(this.ledgerKey, member);
    return true;
  }
}
