import { InjectConfig } from '@app/config';
import {
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  ChatroomDeletedV1,
  ChatroomLabelledV1,
  ChatroomRequeuedV1,
  ChatroomResumedV1,
  ChatroomStandbyV1,
  ChatroomUpdatedV1,
  ContactErasedV1,
  ContactUpdatedV1,
  CsatRatedV1,
  type EventDefinition,
  MessageSentV1,
  NoteAddedV1,
  type PayloadOf,
} from '@app/contracts';
import { EventBatchStream, type PartitionBatch, type StreamedEvent } from '@app/messaging';
import { asSystem, forTenant } from '@app/tenancy';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { type ChatConfig } from '../chat.config';
import { Contact } from '../contacts/contact.schema';
import { Message } from '../messages/message.schema';
import { Note } from '../notes/note.schema';
import { Room } from '../rooms/room.schema';
import {
  type IndexedDocument,
  messageDocument,
  type MessageSource,
  noteDocument,
  type NoteSource,
  roomDocument,
  type RoomSource,
} from './search-documents';
import { SearchIndex } from './search-index';

/** A conversation's document is rewritten, from the database, after any of these. */
const ROOM_EVENTS: EventDefinition[] = [
  ChatroomCreatedV1,
  ChatroomAssignedV1,
  ChatroomRequeuedV1,
  ChatroomUpdatedV1,
  ChatroomStandbyV1,
  ChatroomResumedV1,
  ChatroomClosedV1,
  ChatroomLabelledV1,
  CsatRatedV1,
];

export const SEARCH_EVENTS: EventDefinition[] = [
  MessageSentV1,
  NoteAddedV1,
  ChatroomDeletedV1,
  ContactUpdatedV1,
  ContactErasedV1,
  ...ROOM_EVENTS,
];

const ROOM_TOPICS = new Set(ROOM_EVENTS.map((definition) => definition.topic));

/**
 * Feeds the search index from Kafka, in its own consumer group, off the message path: events
 * carry no text, so each batch's messages, notes and conversations are read by id from the
 * database, as they are now, and written to the index whole. Writing a document again changes
 * nothing, so a batch handed over twice (a crash, a rebalance) is harmless. While the engine is
 * down the batch is retried and its offsets wait: once it is back, indexing resumes where it
 * stopped, nothing missed.
 */
@Injectable()
export class SearchIndexer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SearchIndexer.name);
  private readonly stream?: EventBatchStream;

  constructor(
    @InjectConfig() config: ChatConfig,
    private readonly index: SearchIndex,
    @InjectModel(Room.name) private readonly rooms: Model<Room>,
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    @InjectModel(Note.name) private readonly notes: Model<Note>,
    @InjectModel(Contact.name) private readonly contacts: Model<Contact>,
  ) {
    if (config.SEARCH_INDEXER !== 'on') return;
    this.stream = new EventBatchStream({
      name: 'search',
      kafka: config,
      events: SEARCH_EVENTS,
      handle: (batch) => this.apply(batch),
      maxRetryDelayMs: 5_000,
      // What was just written should be searchable within a second or two: fetch what is there.
      fetch: { minBytes: 1, maxWaitTimeInMs: 100 },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.stream?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stream?.stop();
  }

  async apply(batch: PartitionBatch): Promise<void> {
    await this.index.ensureReady();
    if (batch.topic === ChatroomDeletedV1.topic) {
      const deleted = payloads<typeof ChatroomDeletedV1>(batch.events);
      await this.index.deleteRooms(deleted.map((payload) => payload.roomId));
      return;
    }
    if (batch.topic === ContactErasedV1.topic) {
      const erased = payloads<typeof ContactErasedV1>(batch.events);
      await this.index.deleteRooms(erased.flatMap((payload) => payload.roomIds));
      return;
    }
    const documents =
      batch.topic === ContactUpdatedV1.topic
        ? await this.contactRoomDocuments(batch.events)
        : await this.documentsById(batch.topic, batch.events);
    for (const [tenantId, ofTenant] of byTenant(documents, (document) =>
      String(document.body.tenantId),
    )) {
      await this.index.ensureTenantAlias(tenantId);
      const { refused } = await this.index.write(ofTenant);
      for (const reason of refused) this.logger.error(`search index refused ${reason}`);
    }
  }

  /**
   * The documents of the messages, notes or rooms the events name, read by id alone, whatever
   * their tenants: a lookup by id is what the database's id index serves (one with the tenant
   * beside it scanned the collection on FerretDB), and each document takes its tenant from the
   * record itself, never from the event.
   */
  private documentsById(topic: string, events: StreamedEvent[]): Promise<IndexedDocument[]> {
    return asSystem('indexing for search, by id', async () => {
      if (topic === MessageSentV1.topic) {
        const ids = payloads<typeof MessageSentV1>(events).map((payload) => payload.messageId);
        const found = await this.messages.find({ _id: { $in: ids } }).lean<MessageSource[]>();
        return found.flatMap((message) => messageDocument(message) ?? []);
      }
      if (topic === NoteAddedV1.topic) {
        const ids = payloads<typeof NoteAddedV1>(events).map((payload) => payload.noteId);
        const found = await this.notes.find({ _id: { $in: ids } }).lean<NoteSource[]>();
        return found.map(noteDocument);
      }
      if (ROOM_TOPICS.has(topic)) {
        const ids = new Set(
          events.map(({ event }) => (event.payload as { roomId: string }).roomId),
        );
        return this.roomDocuments(await this.rooms.find({ _id: { $in: [...ids] } }).lean());
      }
      return [];
    });
  }

  /** The conversations of contacts renamed: an email names a contact within one tenant only. */
  private async contactRoomDocuments(events: StreamedEvent[]): Promise<IndexedDocument[]> {
    const documents: IndexedDocument[] = [];
    for (const [tenantId, ofTenant] of byTenant(events, ({ event }) => event.tenantId)) {
      const emails = payloads<typeof ContactUpdatedV1>(ofTenant).map((payload) => payload.email);
      documents.push(
        ...(await forTenant(tenantId, 'indexing renamed contacts for search', async () =>
          this.roomDocuments(await this.rooms.find({ 'visitor.email': { $in: emails } }).lean()),
        )),
      );
    }
    return documents;
  }

  /** The rooms' documents, with the names agents gave their visitors' contacts (per tenant). */
  private async roomDocuments(found: unknown[]): Promise<IndexedDocument[]> {
    const rooms = found as RoomSource[];
    const names = new Map<string, string>();
    for (const [tenantId, ofTenant] of byTenant(rooms, (room) => room.tenantId)) {
      const emails = [...new Set(ofTenant.map((room) => room.visitor.email))];
      const named = await this.contacts
        .find({ tenantId, email: { $in: emails }, nameSetBy: { $ne: null } }, { email: 1, name: 1 })
        .lean<Array<{ email: string; name: string }>>();
      for (const contact of named) names.set(`${tenantId}|${contact.email}`, contact.name);
    }
    return rooms.map((room) =>
      roomDocument(room, names.get(`${room.tenantId}|${room.visitor.email}`)),
    );
  }
}

/** The items (records, events) grouped by the tenant each carries. */
function byTenant<T>(items: T[], tenantOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const tenantId = tenantOf(item);
    const group = groups.get(tenantId) ?? [];
    group.push(item);
    groups.set(tenantId, group);
  }
  return groups;
}

function payloads<Definition extends EventDefinition>(
  events: StreamedEvent[],
): Array<PayloadOf<Definition>> {
  return events.map(({ event }) => event.payload as PayloadOf<Definition>);
}
