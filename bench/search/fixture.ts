/**
 * What the search benchmark indexes, written as the chat service writes it: conversations and
 * messages in chat's database (the indexer reads them from there by id, since events carry no
 * text), each room's last seq in Redis (search results read it), and the events that make the
 * indexer read them, `chat.chatroom.created.v1` and `chat.message.sent.v1`, keyed by room.
 */
import {
  ChatroomCreatedV1,
  type EventDefinition,
  MessageSentV1,
  type PayloadOf,
} from '@app/contracts';
import type Redis from 'ioredis';
import { type Message as KafkaMessage, type Producer } from 'kafkajs';
import { type Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { redisKeys } from '../../apps/chat/src/redis-keys';
import { seededRandom, Vocabulary } from './vocabulary';

export interface BenchRoom {
  id: string;
  tenantId: string;
  chatbotId: string;
  lastSeq: number;
}

export interface BenchTenant {
  id: string;
  rooms: BenchRoom[];
}

const DAY_MS = 86_400_000;
/** The seq key's lifetime in chat (MessageSeqAllocator). */
const SEQ_KEEP_MS = DAY_MS;

export class SearchFixture {
  readonly vocabulary = new Vocabulary(5000);
  private readonly random = seededRandom(2026);

  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    private readonly producer: Producer,
  ) {}

  /**
   * `tenants` tenants, the first holding `bigShare` of the rooms (the one queried), the others
   * sharing the rest, as one index holds every tenant.
   */
  async writeRooms(
    bigTenantId: string,
    tenants: number,
    rooms: number,
    bigShare: number,
  ): Promise<BenchTenant[]> {
    const made: BenchTenant[] = [];
    const now = Date.now();
    for (let index = 0; index < tenants; index += 1) {
      const count =
        index === 0
          ? Math.round(rooms * bigShare)
          : Math.floor((rooms * (1 - bigShare)) / Math.max(1, tenants - 1));
      const tenant: BenchTenant = { id: index === 0 ? bigTenantId : randomUUID(), rooms: [] };
      const chatbotId = randomUUID();
      const documents = [];
      for (let number = 1; number <= count; number += 1) {
        const id = randomUUID();
        tenant.rooms.push({ id, tenantId: tenant.id, chatbotId, lastSeq: 0 });
        const createdAt = new Date(now - Math.floor(this.random() * 90 * DAY_MS));
        const name = `${capitalised(this.vocabulary.word(this.random))} ${capitalised(this.vocabulary.word(this.random))}`;
        documents.push({
          _id: id,
          tenantId: tenant.id,
          displayId: number,
          chatbotId,
          visitor: {
            id: randomUUID(),
            name,
            email: `${name.toLowerCase().replace(' ', '.')}.${number}@example.test`,
            ip: '203.0.113.7',
            browser: { name: 'Firefox', os: 'Linux' },
          },
          answers: {},
          status: 'closed',
          agentId: null,
          category: null,
          priority: 'normal',
          priorityRank: 1,
          teamId: null,
          journey: null,
          agentName: null,
          queuedAt: createdAt,
          assignedAt: null,
          previousAgentId: null,
          version: 1,
          awayUntil: null,
          awayNotified: false,
          closeReason: 'resolved',
          closedAt: createdAt,
          createdAt,
          updatedAt: createdAt,
        });
      }
      for (let from = 0; from < documents.length; from += 2000)
        await this.db.collection('rooms').insertMany(documents.slice(from, from + 2000) as never[]);
      made.push(tenant);
    }
    return made;
  }

  /** Announces the rooms, as chat does when a visitor opens one: the indexer then reads them. */
  async announceRooms(tenants: BenchTenant[]): Promise<void> {
    const events = tenants.flatMap((tenant) =>
      tenant.rooms.map((room) =>
        envelope(ChatroomCreatedV1, room.tenantId, room.id, {
          roomId: room.id,
          chatbotId: room.chatbotId,
          displayId: 1,
          visitor: {
            name: 'Visitor',
            email: 'visitor@example.test',
            ip: '203.0.113.7',
            browser: {},
          },
          answers: {},
          createdAt: new Date().toISOString(),
        }),
      ),
    );
    await this.send(ChatroomCreatedV1.topic, events);
  }

  /**
   * Writes `count` messages spread over the tenants' rooms (each tenant's share of the messages
   * follows its share of the rooms), a chunk at a time; returns the events that announce them,
   * to send later (the figure measured is the indexer's, not this writing).
   */
  async writeMessages(
    tenants: BenchTenant[],
    count: number,
    onProgress: (written: number) => void,
  ): Promise<KafkaMessage[]> {
    const rooms = tenants.flatMap((tenant) => tenant.rooms);
    const events: KafkaMessage[] = [];
    const chunk = 5000;
    for (let written = 0; written < count; written += chunk) {
      const documents = [];
      for (let index = written; index < Math.min(count, written + chunk); index += 1) {
        const room = rooms[Math.floor(this.random() * rooms.length)]!;
        const body = this.vocabulary.body(this.random);
        const { document, event } = this.message(room, body, new Date());
        documents.push(document);
        events.push(event);
      }
      await this.db.collection('messages').insertMany(documents as never[], { ordered: false });
      onProgress(Math.min(count, written + chunk));
    }
    await this.rememberSeqs(rooms);
    return events;
  }

  /** A message stored in a room, and the event that announces it. */
  message(
    room: BenchRoom,
    body: string,
    createdAt: Date,
  ): { document: Record<string, unknown>; event: KafkaMessage; id: string } {
    room.lastSeq += 1;
    const seq = room.lastSeq;
    const id = `${room.id}:${seq}`;
    const sender =
      seq % 2 === 1 ? { type: 'visitor' as const } : { type: 'agent' as const, id: 'bench-agent' };
    return {
      id,
      document: {
        _id: id,
        tenantId: room.tenantId,
        roomId: room.id,
        seq,
        clientMessageId: `bench-${seq}`,
        sender,
        body,
        createdAt,
      },
      event: envelope(MessageSentV1, room.tenantId, room.id, {
        roomId: room.id,
        chatbotId: room.chatbotId,
        messageId: id,
        seq,
        sender,
        length: body.length,
        sentAt: createdAt.toISOString(),
      }),
    };
  }

  /** Chat keeps each room's last seq in Redis; search results read it from there. */
  async rememberSeqs(rooms: BenchRoom[]): Promise<void> {
    for (let from = 0; from < rooms.length; from += 1000) {
      const pipeline = this.redis.pipeline();
      for (const room of rooms.slice(from, from + 1000)) {
        const key = redisKeys.messageSeqs(room.tenantId, room.id);
        pipeline.hset(key, 'seq', room.lastSeq).pexpire(key, SEQ_KEEP_MS);
      }
      await pipeline.exec();
    }
  }

  /** Sends events as the outbox relay does (acks from all replicas), a batch at a time. */
  async send(topic: string, events: KafkaMessage[], batch = 5000): Promise<void> {
    for (let from = 0; from < events.length; from += batch)
      await this.producer.send({ topic, acks: -1, messages: events.slice(from, from + batch) });
  }
}

function envelope<D extends EventDefinition>(
  definition: D,
  tenantId: string,
  roomId: string,
  payload: PayloadOf<D>,
): KafkaMessage {
  const event = definition.envelope.parse({
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    tenantId,
    occurredAt: new Date().toISOString(),
    payload,
  });
  return { key: roomId, value: JSON.stringify(event) };
}

const capitalised = (word: string) => word[0]!.toUpperCase() + word.slice(1);
