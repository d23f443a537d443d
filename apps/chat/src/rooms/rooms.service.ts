import { forTenant } from '@app/tenancy';
import { BlockedVisitorsRepository } from '../blocking/blocked-visitors.repository';
import { type Principal } from '@app/auth';
import {
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomRequeuedV1,
  type QueuePage,
  type RoomSummary,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { chatErrors } from '../chat-errors';
import { CoalescedRuns } from './coalesced-runs';
import { DirectoryRepository } from '../directory/directory.repository';
import { TeamsRepository } from '../directory/teams.repository';
import { ChatNotificationsService } from '../messages/chat-notifications.service';
import { MessagesService } from '../messages/messages.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { queueCursor, queuePosition } from './queue-cursor';
import { type CloseReason } from './room.schema';
import { agentSummary, roomLabels, roomSla, roomUpdate, slaOutcome } from './room-summary';
import { RoomsRepository } from './rooms.repository';
import { type RoomRecord } from './room-record';
import { AgentCapacityGuard } from './agent-capacity.guard';
import { QueueTally } from './queue-tally';
import { canSeeTeam, type QueueAudience, type QueueFilter } from './room-routing';

/** The rest between two sends of a tenant's queue in a burst of changes. */
const QUEUE_SEND_SPACING_MS = 250;

/** Rooms per page of the queue, and in the page `queue:updated` pushes. */
export const QUEUE_PAGE_SIZE = 200;

/** What agents do with rooms of the tenant in context; each change is announced on Kafka. */
@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly blockedVisitors: BlockedVisitorsRepository,
    private readonly directory: DirectoryRepository,
    private readonly teams: TeamsRepository,
    private readonly messages: MessagesService,
    private readonly notifications: ChatNotificationsService,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
    private readonly capacity: AgentCapacityGuard,
    private readonly tally: QueueTally,
  ) {}

  private readonly assignmentListeners: Array<(tenantId: string) => Promise<void>> = [];
  // People read the queue, and each send reads it whole: a burst of changes sends it a few times
  // a second, leaving the database room for the changes themselves.
  private readonly queueSends = new CoalescedRuns(QUEUE_SEND_SPACING_MS);
  private readonly logger = new Logger(RoomsService.name);

  async get(roomId: string): Promise<RoomRecord> {
    const room = await this.rooms.findById(roomId);
    if (!room) throw chatErrors.roomNotFound();
    return room;
  }

  /** Who the agent is to the queue: a supervisor (every team), or a member of their teams. */
  async audienceOf(agent: Pick<Principal, 'userId' | 'permissions'>): Promise<QueueAudience> {
    if (agent.permissions.includes('chats:supervise')) return { supervisor: true };
    return { supervisor: false, teamIds: await this.teams.teamIdsOf(agent.userId) };
  }

  /**
   * A page of the queue the audience may see, most urgent first then oldest first, narrowed by
   * the filter, with the counts of that whole queue.
   */
  async queue(
    audience: QueueAudience,
    filter: QueueFilter = {},
    cursor?: string,
    limit = QUEUE_PAGE_SIZE,
  ): Promise<QueuePage> {
    const after = cursor === undefined ? null : queuePosition(cursor);
    const [{ rooms, hasMore }, counts] = await Promise.all([
      this.rooms.queuePage(after, limit, audience, filter),
      this.tally.counts(audience, filter),
    ]);
    const last = rooms.at(-1);
    return {
      rooms: await this.summaries(rooms),
      ...counts,
      nextCursor:
        hasMore && last
          ? queueCursor({
              priorityRank: last.priorityRank,
              queuedAt: last.queuedAt,
              roomId: last.id,
            })
          : null,
    };
  }

  /** The first page of the queue an agent sees (on connect). */
  async queueFor(agent: Pick<Principal, 'userId' | 'permissions'>): Promise<QueuePage> {
    return this.queue(await this.audienceOf(agent));
  }

  async summaries(rooms: RoomRecord[]): Promise<RoomSummary[]> {
    const lastSeqs = await this.messages.lastSeqs(rooms);
    return rooms.map((room, index) => agentSummary(room, lastSeqs[index]));
  }

  async summary(room: RoomRecord): Promise<RoomSummary> {
    return (await this.summaries([room]))[0];
  }

  /**
   * Sends every agent of the tenant the first page and counts of the queue they may see: without
   * teams, one page for all; with teams, one page per set of teams agents are in, and one for
   * the supervisors, each to its agents only (a team's rooms never reach non-members). Sends
   * asked for while one is going are made once, after it: a burst of assignments or arrivals
   * sends the queue twice, not once per room.
   */
  broadcastQueue(tenantId: string): Promise<void> {
    return this.queueSends.run(tenantId, () => this.sendQueue(tenantId));
  }

  private broadcastQueueInBackground(tenantId: string): void {
    this.broadcastQueue(tenantId).catch((error: unknown) =>
      this.logger.warn(`queue send for ${tenantId} failed: ${(error as Error).message}`),
    );
  }

  private async sendQueue(tenantId: string): Promise<void> {
    const teams = await this.teams.list();
    if (teams.length === 0) {
      this.realtime.queue(tenantId, await this.queue({ supervisor: false, teamIds: [] }));
      return;
    }
    const audiences = new Map<string, { audience: QueueAudience; agentIds: string[] }>();
    for (const agent of await this.directory.activeAgents()) {
      const supervisor = agent.permissions.includes('chats:supervise');
      const teamIds = teams
        .filter((team) => team.memberIds.includes(agent.id))
        .map((team) => team.id);
      const key = supervisor ? '*' : teamIds.join(',');
      const audience: QueueAudience = supervisor ? { supervisor } : { supervisor, teamIds };
      const group = audiences.get(key) ?? { audience, agentIds: [] };
      group.agentIds.push(agent.id);
      audiences.set(key, group);
    }
    for (const { audience, agentIds } of audiences.values())
      this.realtime.queueTo(tenantId, agentIds, await this.queue(audience));
  }

  /**
   * Called with the tenant whenever rooms wait or an agent has room for another chat: a room
   * joined the queue, an agent came online, or a chat ended or moved (auto-assignment listens).
   */
  onAssignmentChance(listener: (tenantId: string) => Promise<void>): void {
    this.assignmentListeners.push(listener);
  }

  /** Does not wait for the listeners, which handle their own failures. */
  assignmentChance(tenantId: string): void {
    for (const listener of this.assignmentListeners) void listener(tenantId);
  }

  /** An agent takes a room from the queue. */
  async join(roomId: string, agent: Principal): Promise<RoomSummary> {
    const room = await this.get(roomId);
    if (room.status === 'active' && room.agentId === agent.userId) return this.summary(room);
    if (!canSeeTeam(await this.audienceOf(agent), room.teamId)) throw chatErrors.notInTeam();
    return this.summary(await this.assign(room, { id: agent.userId, name: agent.name }, 'join'));
  }

  /**
   * Atomic: of two agents taking a room at once, one gets it and the other `already_taken`.
   * Refused with `at_capacity` when the agent has as many chats as they may.
   */
  async assign(
    room: RoomRecord,
    agent: { id: string; name: string },
    how: 'join' | 'auto',
  ): Promise<RoomRecord> {
    if (room.status === 'closed') throw chatErrors.roomClosed();
    const entry = await this.directory.findAgent(agent.id);
    const maxConcurrentChats = entry?.maxConcurrentChats ?? 5;
    const claimed = await this.capacity.withinCapacity(
      room.tenantId,
      { id: agent.id, maxConcurrentChats },
      () => this.rooms.claim(room.id, agent),
    );
    if (!claimed?.applied) throw chatErrors.alreadyTaken();

    const joined = claimed.room;
    await this.realtime.addAgentToRoom(joined.tenantId, agent.id, room.id);
    await this.announceRoom(joined);
    // Auto-assignment hands out rooms one after another: waiting for each queue send would
    // hold every next room for one. The sends coalesce; the queue's state catches up behind.
    if (how === 'auto') this.broadcastQueueInBackground(joined.tenantId);
    else await this.broadcastQueue(joined.tenantId);
    await this.events.publish(ChatroomAssignedV1, {
      tenantId: joined.tenantId,
      chatroomId: joined.id,
      payload: {
        roomId: joined.id,
        chatbotId: joined.chatbotId,
        agentId: agent.id,
        how,
        queuedAt: room.queuedAt.toISOString(),
        assignedAt: joined.assignedAt!.toISOString(),
      },
    });
    return joined;
  }

  /** Back to the queue for another agent. */
  async leave(roomId: string, agent: Principal): Promise<RoomSummary> {
    const room = await this.get(roomId);
    if (room.agentId !== agent.userId) throw chatErrors.notYourRoom();
    const requeue = await this.rooms.requeue(roomId, agent.userId);
    if (!requeue?.applied) throw chatErrors.roomClosed();
    const requeued = requeue.room;
    await this.realtime.removeAgentFromRoom(room.tenantId, agent.userId, roomId);
    await this.announceRoom(requeued);
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
    this.assignmentChance(room.tenantId);
    return this.summary(requeued);
  }

  async transfer(roomId: string, agent: Principal, toAgentId: string): Promise<RoomSummary> {
    if (!agent.permissions.includes('chats:transfer')) throw chatErrors.notYourRoom();
    const room = await this.get(roomId);
    if (room.agentId !== agent.userId) throw chatErrors.notYourRoom();
    const target = await this.directory.findAgent(toAgentId);
    if (!target || target.status !== 'active' || !target.permissions.includes('chats:join'))
      throw chatErrors.agentNotFound();
    const transfer = await this.capacity.withinCapacity(room.tenantId, target, () =>
      this.rooms.transfer(roomId, agent.userId, { id: target.id, name: target.name }),
    );
    if (!transfer?.applied) throw chatErrors.roomClosed();
    const moved = transfer.room;
    await this.realtime.removeAgentFromRoom(room.tenantId, agent.userId, roomId);
    await this.realtime.addAgentToRoom(room.tenantId, target.id, roomId);
    await this.announceRoom(moved);
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
    this.assignmentChance(room.tenantId);
    return this.summary(moved);
  }

  /**
   * Closes a room: resolved, stale or blocked by its agent (a queued room by any agent who may
   * join), abandoned by the standby sweeper. The visitor is emailed a transcript, unless `transcript` is
   * false (a conversation closed to be erased).
   */
  async close(
    roomId: string,
    reason: CloseReason,
    by: Principal | 'system',
    options: { transcript?: boolean } = {},
  ): Promise<RoomSummary> {
    const room = await this.get(roomId);
    if (by !== 'system') {
      if (room.status === 'active' && room.agentId !== by.userId) throw chatErrors.notYourRoom();
      if (reason === 'blocked' && !by.permissions.includes('chats:block'))
        throw chatErrors.notYourRoom();
    }
    const close = await this.rooms.close(roomId, reason);
    if (!close?.applied) throw chatErrors.roomClosed();
    if (reason === 'blocked') {
      const blockedBy = by === 'system' ? undefined : { id: by.userId, name: by.name };
      await this.blockedVisitors.block(room.visitor, room.id, blockedBy);
    }
    const closed = close.room;
    await this.announceRoom(closed, reason);
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
        ...slaOutcome(closed),
      },
    });
    if (reason !== 'blocked' && options.transcript !== false) {
      await this.notifications.transcript(
        closed,
        reason,
        await this.messages.replay(room.id, 0, 2000),
      );
    }
    if (reason === 'blocked') this.realtime.disconnectVisitors(room.tenantId, room.id);
    this.assignmentChance(room.tenantId);
    return this.summary(closed);
  }

  /** A line in the room's timeline from the room itself ("Ana transferred …"). */
  async timeline(room: RoomRecord, line: string): Promise<void> {
    await this.messages.system(room, line);
  }

  /**
   * Tells the room and the agents who may see it (queue, "visitor away") about a change: every
   * agent of the tenant for a room of no team, else the team's members and the supervisors (and
   * the agents it was with, who learn it moved away).
   */
  async announceRoom(room: RoomRecord, reason?: CloseReason): Promise<void> {
    const update = { ...roomUpdate(room), ...(reason ? { reason } : {}) };
    this.realtime.toVisitor(room.tenantId, room.id, 'room:updated', update);
    await this.announceToAgents(room, update);
  }

  /**
   * Tells the agents who may see the room only: a change the visitor has no business knowing
   * of (its labels). The SLA and labels are the agents' business: the visitor's copy of
   * `announceRoom` goes without them.
   */
  async announceToAgents(room: RoomRecord, update = roomUpdate(room)): Promise<void> {
    const forAgents = { ...update, sla: roomSla(room), labels: roomLabels(room) };
    if (!room.teamId) {
      this.realtime.toAgentsInRoomAndAll(room.tenantId, room.id, 'room:updated', forAgents);
      return;
    }
    const [team, agents] = await forTenant(room.tenantId, 'who may see a team’s room', () =>
      Promise.all([this.teams.findTeam(room.teamId!), this.directory.activeAgents()]),
    );
    const audience = new Set([
      ...(team?.memberIds ?? []),
      ...agents.filter((agent) => agent.permissions.includes('chats:supervise')).map((a) => a.id),
      ...[room.agentId, room.previousAgentId].filter((id): id is string => Boolean(id)),
    ]);
    this.realtime.toAgentsInRoomAnd(
      room.tenantId,
      room.id,
      [...audience],
      'room:updated',
      forAgents,
    );
  }
}
