import { type Principal } from '@app/auth';
import { NoteAddedV1, type RoomNote } from '@app/contracts';
import { insertFirst } from '@app/database';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { chatErrors } from '../chat-errors';
import { MessagesService } from '../messages/messages.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { canSeeTeam } from '../rooms/room-routing';
import { type RoomRecord } from '../rooms/room-record';
import { RoomsService } from '../rooms/rooms.service';
import { Note } from './note.schema';

/** At most this many notes are listed per room: far more than any conversation holds. */
const NOTES_LISTED = 1000;

/**
 * Private notes: agents who may see a conversation (its team's, a supervisor, or who held it)
 * write and read them, open or closed. They reach agents only: the room's agents live
 * (`note:new` on `/agent`), and `GET /rooms/:id/notes`.
 */
@Injectable()
export class NotesService {
  constructor(
    @InjectModel(Note.name) private readonly notes: Model<Note>,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
  ) {}

  async add(
    agent: Principal,
    input: { roomId: string; body: string; clientNoteId?: string },
  ): Promise<RoomNote> {
    const room = await this.visibleRoom(agent, input.roomId);
    const clientNoteId = input.clientNoteId ?? randomUUID();
    const [afterSeq] = await this.messages.lastSeqs([room]);
    const note: Note = {
      _id: randomUUID(),
      tenantId: room.tenantId,
      roomId: room.id,
      clientNoteId,
      author: { id: agent.userId, name: agent.name },
      body: input.body,
      afterSeq,
      createdAt: new Date(),
    };
    if (!(await insertFirst(this.notes, note))) {
      const first = await this.notes.findOne({ roomId: room.id, clientNoteId }).lean();
      if (first) return toRoomNote(first);
    }
    const added = toRoomNote(note);
    // The author's other tabs too, when they are not the room's agent (a supervisor).
    this.realtime.toAgentsInRoomAnd(room.tenantId, room.id, [agent.userId], 'note:new', added);
    await this.events.publish(NoteAddedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        noteId: note._id,
        authorId: agent.userId,
        length: note.body.length,
        addedAt: note.createdAt.toISOString(),
      },
    });
    return added;
  }

  /** The room's notes, oldest first. */
  async list(agent: Principal, roomId: string): Promise<RoomNote[]> {
    const room = await this.visibleRoom(agent, roomId);
    return this.ofRoom(room.id);
  }

  /** A room's notes, oldest first, whoever asks: for a contact's export, which has its own permission. */
  async ofRoom(roomId: string): Promise<RoomNote[]> {
    const notes = await this.notes
      .find({ roomId })
      .sort({ createdAt: 1, _id: 1 })
      .limit(NOTES_LISTED)
      .lean();
    return notes.map(toRoomNote);
  }

  /** The room, if this agent may see it; another team's room is as unknown as another tenant's. */
  private async visibleRoom(agent: Principal, roomId: string): Promise<RoomRecord> {
    const room = await this.rooms.get(roomId);
    const held = room.agentId === agent.userId || room.previousAgentId === agent.userId;
    if (!held && !canSeeTeam(await this.rooms.audienceOf(agent), room.teamId))
      throw chatErrors.roomNotFound();
    return room;
  }
}

function toRoomNote(note: Note): RoomNote {
  return {
    id: note._id,
    roomId: note.roomId,
    body: note.body,
    author: note.author,
    afterSeq: note.afterSeq,
    createdAt: note.createdAt.toISOString(),
  };
}
