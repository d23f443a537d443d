import { ChatroomDeletedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { AppHttpError } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { Note } from '../notes/note.schema';
import { AttachmentsService } from '../attachments/attachments.service';
import { MessagesRepository } from '../messages/messages.repository';
import { RoomsService } from './rooms.service';
import { RoomsRepository } from './rooms.repository';

/**
 * Deleting a conversation for good: only a closed one (an open one is closed first, by the
 * agent or the standby, so nobody writes into what is being deleted). Its files go first, from
 * the object store, so a store that is down refuses the deletion (503) with nothing lost track
 * of; then its messages and notes, the room, and the `chat.chatroom.deleted` event.
 */
@Injectable()
export class RoomDeletionService {
  constructor(
    private readonly rooms: RoomsService,
    private readonly repository: RoomsRepository,
    private readonly messages: MessagesRepository,
    private readonly attachments: AttachmentsService,
    private readonly events: EventPublisher,
    @InjectModel(Note.name) private readonly notes: Model<Note>,
  ) {}

  async delete(roomId: string, deletedBy: string): Promise<void> {
    const room = await this.rooms.get(roomId);
    if (room.status !== 'closed')
      throw new AppHttpError(409, 'room_open', 'close the conversation before deleting it');
    const attachments = await this.attachments.deleteForRoom(room.id);
    await this.messages.deleteRoom(room.id);
    await this.notes.deleteMany({ roomId: room.id });
    await this.repository.delete(room);
    await this.events.publish(ChatroomDeletedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        deletedBy,
        attachments,
        deletedAt: new Date().toISOString(),
      },
    });
  }
}
