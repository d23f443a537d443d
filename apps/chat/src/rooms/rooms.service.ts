import { type Principal } from '@app/auth';
import {
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomRequeuedV1,
  type RoomSummary,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { chatErrors } from '../chat-errors';
import { DirectoryRepository } from '../directory/directory.repository';
import { ChatNotificationsService } from '../messages/chat-notifications.service';
import { MessagesService } from '../messages/messages.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { type CloseReason } from './room.schema';
import { summarize } from './room-summary';
import { type RoomRecord, RoomsRepository } from './rooms.repository';

/** What agents do with rooms of the tenant in context; each change is announced on Kafka. */
@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly directory: DirectoryRepository,
    private readonly messages: MessagesService,
    private readonly notifications: ChatNotificationsService,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
  ) {}

  async get(roomId: string): Promise<RoomRecord> {
    const room = await this.rooms.findById(roomId);
    if (!room) throw chatErrors.roomNotFound();
    return room;
  }

  async queue(): Promise<RoomSummary[]> {
    return (await this.rooms.queue()).map(summarize);
  }

  /** Sends every agent of the tenant the current queue (it is small: rooms waiting now). */
  async broadcastQueue(tenantId: string): Promise<void> {
    this.realtime.queue(tenantId, await this.queue());
  }

  /** Atomic: of two agents joining at once, one wins and the other gets `already_taken`. */
  async join(roomId: string, agent: Principal): Promise<RoomSummary> {
    const room = await this.get(roomId);
    if (room.status === 'closed') throw chatErrors.roomClosed();
    if (room.status === 'active' && room.agentId === agent.userId) return summarize(room);
    const entry = await this.directory.findAgent(agent.userId);
    const capacity = entry?.maxConcurrentChats ?? 5;
    if ((await this.rooms.countActiveOf(agent.userId)) >= capacity) throw chatErrors.atCapacity();
    if (!(await this.rooms.claim(roomId, { id: agent.userId, name: agent.name })))
      throw chatErrors.alreadyTaken();

    const joined = await this.get(roomId);
    await this.realtime.addAgentToRoom(joined.tenantId, agent.userId, roomId);
    this.announceRoom(joined);
    await this.broadcastQueue(joined.tenantId);
    await this.events.publish(ChatroomAssignedV1, {
      tenantId: joined.tenantId,
      chatroomId: joined.id,
      payload: {
        roomId: joined.id,
        chatbotId: joined.chatbotId,
        agentId: agent.userId,
        how: 'join',
        queuedAt: room.queuedAt.toISOString(),
        assignedAt: joined.assignedAt!.toISOString(),
      },
    });
    return summarize(joined);
  }

  /** Back to the queue for another agent. */
  async leave(roomId: string, agent: Principal): Promise<RoomSummary> {
    const room = await this.get(roomId);
    if (room.agentId !== agent.userId) throw chatErrors.notYourRoom();
    if (!(await this.rooms.requeue(roomId, agent.userId))) throw chatErrors.roomClosed();
    const requeued = await this.get(roomId);
    await this.realtime.removeAgentFromRoom(room.tenantId, agent.userId, roomId);
    this.announceRoom(requeued);
    await this.broadcastQueue(room.tenantId);
    await this.events.publish(ChatroomRequeuedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        previousAgentId: agent.userId,
        at: new Date().toISOString(),
      },
    });
    return summarize(requeued);
  }

  async transfer(roomId: string, agent: Principal, toAgentId: string): Promise<RoomSummary> {
    const room = await this.get(roomId);
    if (room.agentId !== agent.userId) throw chatErrors.notYourRoom();
    const target = await this.directory.findAgent(toAgentId);
    if (!target || target.status !== 'active' || !target.permissions.includes('chats:join'))
      throw chatErrors.agentNotFound();
    if ((await this.rooms.countActiveOf(target.id)) >= target.maxConcurrentChats)
      throw chatErrors.atCapacity();
    if (!(await this.rooms.transfer(roomId, agent.userId, { id: target.id, name: target.name })))
      throw chatErrors.roomClosed();
    const moved = await this.get(roomId);
    await this.realtime.removeAgentFromRoom(room.tenantId, agent.userId, roomId);
    await this.realtime.addAgentToRoom(room.tenantId, target.id, roomId);
    this.announceRoom(moved);
    await this.events.publish(ChatroomAssignedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        agentId: target.id,
        how: 'transfer',
        previousAgentId: agent.userId,
        queuedAt: room.queuedAt.toISOString(),
        assignedAt: moved.assignedAt!.toISOString(),
      },
    });
    return summarize(moved);
  }

  /**
   * Closes a room: resolved, stale or blocked by its agent (a queued room by any agent who may
   * join), abandoned by the standby sweeper. The visitor is emailed a transcript.
   */
  async close(roomId: string, reason: CloseReason, by: Principal | 'system'): Promise<RoomSummary> {
    const room = await this.get(roomId);
    if (by !== 'system') {
      if (room.status === 'active' && room.agentId !== by.userId) throw chatErrors.notYourRoom();
      if (reason === 'blocked' && !by.permissions.includes('chats:block'))
        throw chatErrors.notYourRoom();
    }
    if (!(await this.rooms.close(roomId, reason))) throw chatErrors.roomClosed();
    if (reason === 'blocked') await this.rooms.block(room.visitor, room.id);
    const closed = await this.get(roomId);
    this.announceRoom(closed, reason);
    if (room.status === 'queued') await this.broadcastQueue(room.tenantId);
    await this.events.publish(ChatroomClosedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        reason,
        ...(room.agentId ? { agentId: room.agentId } : {}),
        closedBy: by === 'system' ? 'system' : 'agent',
        createdAt: room.createdAt.toISOString(),
        closedAt: closed.closedAt!.toISOString(),
      },
    });
    if (reason !== 'blocked') {
      await this.notifications.transcript(
        closed,
        reason,
        await this.messages.replay(room.id, 0, 2000),
      );
    }
    if (reason === 'blocked') this.realtime.disconnectVisitors(room.tenantId, room.id);
    return summarize(closed);
  }

  /** Tells the room and the tenant's agents (queue, "visitor away") about a change. */
  announceRoom(room: RoomRecord, reason?: string): void {
    const summary = summarize(room);
    const update = {
      roomId: room.id,
      status: summary.status,
      ...(summary.agent ? { agent: summary.agent } : {}),
      visitorAway: room.awayUntil !== null,
      ...(reason ? { reason } : {}),
    };
    this.realtime.toRoomAndAgents(room.tenantId, room.id, 'room:updated', update);
  }
}
