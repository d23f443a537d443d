import { type Principal } from '@app/auth';
import { type ChatMessage, type QueuePage, type RoomSummary } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { MessagesService } from '../messages/messages.service';
import { socketRooms } from '../redis-keys';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { type ChosenAgentStatus } from '@app/contracts';
import { AgentIdle } from './agent-idle.service';
import { AgentPresence } from './agent-presence.service';

/**
 * An agent's connection to chat: the socket rooms it belongs in, what it missed, joining rooms,
 * and presence. The gateway joins the socket rooms before it asks what was missed, so a message
 * sent in between reaches the socket live (held behind the replay) rather than not at all.
 */
@Injectable()
export class AgentSessions {
  private readonly logger = new Logger(AgentSessions.name);

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly messages: MessagesService,
    private readonly presence: AgentPresence,
    private readonly idle: AgentIdle,
  ) {}

  /** The socket rooms of a connecting agent, and the ids of the rooms they have open. */
  async socketRooms(agent: Principal): Promise<{ socketRooms: string[]; openRoomIds: string[] }> {
    const { tenantId, userId } = agent;
    const openRoomIds = (await this.rooms.openRoomsOf(userId)).map((room) => room.id);
    return {
      socketRooms: [
        socketRooms.agents(tenantId),
        socketRooms.agent(tenantId, userId),
        ...openRoomIds.map((roomId) => socketRooms.room(tenantId, roomId)),
      ],
      openRoomIds,
    };
  }

  /** The room's messages after `lastSeq`, in seq order. */
  async missed(roomId: string, lastSeq: number): Promise<ChatMessage[]> {
    return this.messages.replay(roomId, lastSeq);
  }

  queue(agent: Principal): Promise<QueuePage> {
    return this.roomsService.queueFor(agent);
  }

  /**
   * Tells colleagues the agent is here and gives auto-assignment its chance; only once the
   * socket is in its rooms, so that a room assigned now reaches it.
   */
  async announce(agent: Principal): Promise<void> {
    await this.presence.connected(agent.tenantId, { id: agent.userId, name: agent.name });
    this.noteActivity(agent);
    this.roomsService.assignmentChance(agent.tenantId);
  }

  async end(agent: Principal): Promise<void> {
    if (await this.presence.disconnected(agent.tenantId, { id: agent.userId, name: agent.name }))
      await this.idle.gone(agent.tenantId, agent.userId);
  }

  /**
   * `available` takes new chats; `busy` keeps its chats and gets no new ones; `away` neither.
   * Only available agents are auto-assigned rooms.
   */
  async choose(
    agent: Principal,
    status: ChosenAgentStatus,
  ): Promise<{ status: ChosenAgentStatus }> {
    await this.presence.choose(agent.tenantId, { id: agent.userId, name: agent.name }, status);
    this.noteActivity(agent);
    if (status === 'available') this.roomsService.assignmentChance(agent.tenantId);
    return { status };
  }

  /** The dashboard's heartbeat (`agent:activity`): answered once recorded. */
  async activity(agent: Principal): Promise<{ ok: true }> {
    await this.idle.activity(agent.tenantId, { id: agent.userId, name: agent.name });
    return { ok: true };
  }

  /**
   * The agent did something (connected, sent, joined, typed, chose a status): the automatic away
   * is postponed without the action waiting for it; a failure only leaves the deadline as it was.
   */
  noteActivity(agent: Principal): void {
    this.activity(agent).catch((error: Error) =>
      this.logger.warn(`recording activity of ${agent.userId} failed: ${error.message}`),
    );
  }

  /** Joins a room (atomically); answers it and the socket room to put the agent's socket in. */
  async join(agent: Principal, roomId: string): Promise<{ room: RoomSummary; socketRoom: string }> {
    const room = await this.roomsService.join(roomId, agent);
    this.noteActivity(agent);
    return { room, socketRoom: socketRooms.room(agent.tenantId, roomId) };
  }
}
