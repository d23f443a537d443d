import { ChatroomCreatedV1, type EventOf } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RoomsRepository } from '../rooms/rooms.repository';
import { normalizeEmail } from './contact-visits';
import { ContactsRepository } from './contacts.repository';

/**
 * Keeps contacts from the conversations' starts: off the widget's request (which only publishes
 * `chat.chatroom.created`, through the outbox, so no visit is lost), in chat's own consumer group.
 */
@Controller()
export class ContactEventsController {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly rooms: RoomsRepository,
  ) {}

  @OnEvent(ChatroomCreatedV1)
  async onRoomCreated(@Payload() event: EventOf<typeof ChatroomCreatedV1>): Promise<void> {
    const { roomId, visitor, createdAt } = event.payload;
    // An erasure that came first took the room: its visit must not bring the contact back.
    if (!(await this.rooms.findById(roomId))) return;
    await this.contacts.recordVisit({
      email: normalizeEmail(visitor.email),
      name: visitor.name,
      ip: visitor.ip,
      browser: visitor.browser,
      at: new Date(createdAt),
    });
  }
}
