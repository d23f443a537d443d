import { type Principal } from '@app/auth';
import { type ChatMessage, type MessageSend } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { chatErrors } from '../chat-errors';
import { RoomsRepository } from '../rooms/rooms.repository';
import { type RoomRecord } from '../rooms/room-record';
import { type VisitorIdentity, VisitorTokensService } from '../widget/visitor-tokens.service';
import { ChatNotificationsService } from '../messages/chat-notifications.service';
import { MessagesService, type Sent } from '../messages/messages.service';

/** A sender's rate admission, run alongside the room's lookup so neither waits on the other. */
export type Admission = () => Promise<void>;

/** What a visitor or an agent may say in a room, and what follows from it. */
@Injectable()
export class ConversationService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly messages: MessagesService,
    private readonly notifications: ChatNotificationsService,
    private readonly visitorTokens: VisitorTokensService,
  ) {}

  /** A visitor writes in the one room their token opens. */
  async sendAsVisitor(
    visitor: VisitorIdentity & { name: string },
    input: MessageSend,
    admit: Admission,
  ): Promise<{ id: string; seq: number }> {
    if (input.roomId && input.roomId !== visitor.roomId) throw chatErrors.roomNotFound();
    const room = await this.admittedRoom(visitor.roomId, admit);
    const { message } = await this.messages.send(
      room,
      { type: 'visitor', id: visitor.visitorId, name: visitor.name },
      input,
    );
    return { id: message.id, seq: message.seq };
  }

  /** An agent writes in a room assigned to them; a visitor who is away is emailed the reply. */
  async sendAsAgent(
    agent: Principal,
    input: MessageSend,
    admit: Admission,
  ): Promise<{ id: string; seq: number }> {
    if (!input.roomId) throw chatErrors.invalid('roomId: required');
    const room = await this.admittedRoom(input.roomId, admit);
    if (room.status !== 'active' || room.agentId !== agent.userId) throw chatErrors.notYourRoom();
    const sent = await this.messages.send(
      room,
      { type: 'agent', id: agent.userId, name: agent.name },
      input,
    );
    if (!sent.duplicate) await this.emailIfAway(room, agent.name, replyText(sent.message));
    return { id: sent.message.id, seq: sent.message.seq };
  }

  /**
   * An agent outside Parley answers (an Intercom admin, through the bridge): the message takes
   * the path of any agent reply (seq, sockets, `chat.message.sent`, the away visitor's email),
   * whoever the room is assigned to. The same `clientMessageId` again is the original, once.
   */
  async sendAsOutsideAgent(
    room: RoomRecord,
    agent: { id: string; name: string },
    input: { clientMessageId: string; body: string },
  ): Promise<Sent> {
    const sent = await this.messages.send(room, { type: 'agent', ...agent }, input);
    if (!sent.duplicate) await this.emailIfAway(room, agent.name, replyText(sent.message));
    return sent;
  }

  /**
   * The room has just gone into standby: an agent reply sent while its visitor was leaving (after
   * `afterSeq`, before the room was marked away) was not mailed when sent; the first one is now.
   */
  async emailReplySince(room: RoomRecord, afterSeq: number): Promise<void> {
    const reply = (await this.messages.replay(room.id, afterSeq, 100)).find(
      (message) => message.sender.type === 'agent',
    );
    if (reply)
      await this.emailIfAway(room, reply.sender.name ?? room.agentName ?? '', replyText(reply));
  }

  private async admittedRoom(roomId: string, admit: Admission): Promise<RoomRecord> {
    const [, room] = await Promise.all([admit(), this.rooms.findById(roomId)]);
    if (!room) throw chatErrors.roomNotFound();
    return room;
  }

  /** The visitor is away: email them the reply, once per absence. */
  private async emailIfAway(room: RoomRecord, agentName: string, body: string): Promise<void> {
    if (!room.awayUntil || !(await this.rooms.claimAwayNotification(room.id))) return;
    const token = this.visitorTokens.issue({
      visitorId: room.visitor.id,
      roomId: room.id,
      tenantId: room.tenantId,
    });
    await this.notifications.agentReplied(room, agentName, body, token);
  }
}

/** What the away visitor's email quotes: the text, and the names of the files it carries. */
function replyText(message: ChatMessage): string {
  const files = (message.attachments ?? []).map((file) => `[${file.name}]`);
  return [message.body, ...files].filter(Boolean).join('\n');
}
