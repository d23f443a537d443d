import { type Principal } from '@app/auth';
import {
  ContactErasedV1,
  type ContactExport,
  type ContactExportConversation,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { AppHttpError } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { AttachmentsService } from '../attachments/attachments.service';
import { MessagesService } from '../messages/messages.service';
import { NotesService } from '../notes/notes.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { RoomDeletionService } from '../rooms/room-deletion.service';
import { type RoomRecord } from '../rooms/room-record';
import { RoomsService } from '../rooms/rooms.service';
import { ContactsRepository } from './contacts.repository';
import { ContactsService, toContactProfile } from './contacts.service';

/** More than any conversation holds: an export carries every message. */
const MESSAGES_EXPORTED = 1_000_000;

/**
 * A contact's GDPR rights: erasure and export, over every conversation of their email in the
 * tenant (whichever team's: both need their own permission, `contacts:erase` or
 * `contacts:export`).
 */
@Injectable()
export class ContactPrivacyService {
  constructor(
    private readonly contacts: ContactsService,
    private readonly repository: ContactsRepository,
    private readonly rooms: RoomsService,
    private readonly deletion: RoomDeletionService,
    private readonly messages: MessagesService,
    private readonly notes: NotesService,
    private readonly attachments: AttachmentsService,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
  ) {}

  /**
   * Erases the contact: each conversation is closed if open (no transcript is mailed, the
   * visitor's sockets are cut) and deleted with its messages, notes and files, as one deleted by
   * an agent (`chat.chatroom.deleted` each); then the contact and its notes go, and
   * `chat.contact.erased` names the rooms and the email. A store that is down stops it with 503
   * before the contact goes, so erasing again finishes the work.
   */
  async erase(id: string, by: Principal): Promise<void> {
    const contact = await this.contacts.get(id);
    const rooms: RoomRecord[] = [];
    for await (const room of this.contacts.allConversations(contact, by.userId)) rooms.push(room);
    for (const room of rooms) {
      if (room.status !== 'closed') await this.closeForErasure(room);
      await this.deletion.delete(room.id, by.userId);
    }
    await this.repository.delete(contact);
    await this.events.publish(ContactErasedV1, {
      tenantId: contact.tenantId,
      payload: {
        contactId: contact.id,
        email: contact.email,
        roomIds: rooms.map((room) => room.id),
        erasedBy: by.userId,
        erasedAt: new Date().toISOString(),
      },
    });
  }

  /** All the chat service holds about the contact, with links to their files. */
  async export(id: string, by: Principal): Promise<ContactExport> {
    const contact = await this.contacts.get(id);
    const conversations: ContactExportConversation[] = [];
    for await (const room of this.contacts.allConversations(contact, by.userId))
      conversations.push(await this.exported(room));
    return {
      exportedAt: new Date(),
      contact: toContactProfile(contact),
      notes: await this.contacts.notes(contact.id),
      conversations,
    };
  }

  private async exported(room: RoomRecord): Promise<ContactExportConversation> {
    const summary = await this.rooms.summary(room);
    const { name, email, ip, browser } = room.visitor;
    return {
      room: {
        ...summary,
        visitor: { ...summary.visitor, name, email, ip, browser },
        answers: room.answers ?? {},
      },
      messages: await this.messages.replay(room.id, 0, MESSAGES_EXPORTED),
      notes: await this.notes.ofRoom(room.id),
      attachments: await this.attachments.ofRoom(room.id),
    };
  }

  private async closeForErasure(room: RoomRecord): Promise<void> {
    try {
      await this.rooms.close(room.id, 'stale', 'system', { transcript: false });
    } catch (error) {
      // Closed meanwhile (by its agent, or the standby): closed is all the deletion needs.
      if (!(error instanceof AppHttpError && error.code === 'room_closed')) throw error;
    }
    this.realtime.disconnectVisitors(room.tenantId, room.id);
  }
}
