import { type Principal } from '@app/auth';
import {
  type ContactNote,
  type ContactProfile,
  ContactUpdatedV1,
  type RoomHistoryPage,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { type HistoryPosition, historyCursor } from '../rooms/room-history';
import { type RoomRecord } from '../rooms/room-record';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { contactErrors } from './contact-errors';
import { normalizeEmail } from './contact-visits';
import {
  type ContactNoteRecord,
  type ContactRecord,
  ContactsRepository,
} from './contacts.repository';

/** Who may see which of a contact's conversations: as in the history (`GET /rooms`). */
export type ConversationAudience = Parameters<RoomsRepository['historyPage']>[0];

/** Contacts as agents of the tenant in context see and change them. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly rooms: RoomsService,
    private readonly roomsRepository: RoomsRepository,
    private readonly events: EventPublisher,
  ) {}

  async get(id: string): Promise<ContactRecord> {
    const contact = await this.contacts.findById(id);
    if (!contact) throw contactErrors.notFound();
    return contact;
  }

  /** The contact of an email (any case), or of a room's visitor. */
  async find(by: { email: string } | { roomId: string }): Promise<ContactRecord> {
    const email = 'email' in by ? by.email : (await this.rooms.get(by.roomId)).visitor.email;
    const contact = await this.contacts.findByEmail(normalizeEmail(email));
    if (!contact) throw contactErrors.notFound();
    return contact;
  }

  /** A new name from an agent; search learns it from `chat.contact.updated`. */
  async rename(id: string, name: string, agent: Principal): Promise<ContactRecord> {
    const renamed = await this.contacts.rename(id, name, { id: agent.userId, name: agent.name });
    if (!renamed) throw contactErrors.notFound();
    await this.events.publish(ContactUpdatedV1, {
      tenantId: renamed.tenantId,
      payload: {
        contactId: renamed.id,
        email: renamed.email,
        name: renamed.name,
        updatedBy: agent.userId,
        updatedAt: renamed.updatedAt.toISOString(),
      },
    });
    return renamed;
  }

  async addNote(id: string, body: string, agent: Principal): Promise<ContactNote> {
    const contact = await this.get(id);
    return toContactNote(
      await this.contacts.addNote(contact.id, { id: agent.userId, name: agent.name }, body),
    );
  }

  async notes(id: string): Promise<ContactNote[]> {
    const contact = await this.get(id);
    return (await this.contacts.notesOf(contact.id)).map(toContactNote);
  }

  /** A page of the contact's conversations the audience may see, newest first. */
  async conversations(
    id: string,
    audience: ConversationAudience,
    after: HistoryPosition | null,
    limit: number,
  ): Promise<RoomHistoryPage> {
    const contact = await this.get(id);
    const page = await this.roomsRepository.historyPage(
      audience,
      { visitorEmail: contact.email },
      after,
      limit,
    );
    const last = page.rooms.at(-1);
    return {
      rooms: await this.rooms.summaries(page.rooms),
      nextCursor:
        page.hasMore && last ? historyCursor({ createdAt: last.createdAt, roomId: last.id }) : null,
    };
  }

  /** Every conversation of the contact, a page at a time, whoever's team (erasure, export). */
  async *allConversations(contact: ContactRecord, agentId: string): AsyncGenerator<RoomRecord> {
    let after: HistoryPosition | null = null;
    for (;;) {
      const page = await this.roomsRepository.historyPage(
        { supervisor: true, agentId },
        { visitorEmail: contact.email },
        after,
        100,
      );
      yield* page.rooms;
      const last = page.rooms.at(-1);
      if (!page.hasMore || !last) return;
      after = { createdAt: last.createdAt, roomId: last.id };
    }
  }
}

export function toContactProfile(contact: ContactRecord): ContactProfile {
  return {
    id: contact.id,
    email: contact.email,
    name: contact.name,
    nameSetBy: contact.nameSetBy ?? null,
    firstSeenAt: contact.firstSeenAt,
    lastSeenAt: contact.lastSeenAt,
    browsers: contact.browsers,
    addresses: contact.addresses,
  };
}

const toContactNote = (note: ContactNoteRecord): ContactNote => ({
  id: note.id,
  contactId: note.contactId,
  body: note.body,
  author: note.author,
  createdAt: note.createdAt,
});
