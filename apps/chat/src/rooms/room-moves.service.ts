import { type Principal } from '@app/auth';
import {
  ChatroomAssignedV1,
  ChatroomRequeuedV1,
  ChatroomUpdatedV1,
  ROOM_PRIORITIES,
  type RoomPriority,
  type RoomSummary,
  type SlaEscalation,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { chatErrors } from '../chat-errors';
import { AgentCapacityGuard } from './agent-capacity.guard';
import { DirectoryRepository } from '../directory/directory.repository';
import { TeamsRepository } from '../directory/teams.repository';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { roomChanges } from './room-changes';
import { type RoomRecord } from './room-record';
import { priorityRank, routedTeam } from './room-routing';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';
import { SlaClock } from '../sla/sla-clock.service';
import { SlaDeadlineIndex } from '../sla/sla-deadline-index';

/** Who moves a room: an agent, or (no user) the SLA's escalation. */
type Mover = { userId: string | null; name: string };

const SLA_ESCALATION: Mover = { userId: null, name: 'SLA escalation' };

/** Where a supervisor sends a room: an agent, a team's queue, or the tenant's queue. */
export type ReassignTarget = { agentId: string } | { teamId: string } | { toQueue: true };

/**
 * Moves beyond taking a room: its category and priority, a transfer to a team, a supervisor's
 * reassignment or return to the queue, and a deleted team's rooms falling back to the tenant's
 * queue. Each is one atomic room transition decided on the room as its mover saw it (so of two
 * concurrent moves only one applies), an event on Kafka and a line in the room's timeline.
 */
@Injectable()
export class RoomMoves {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly directory: DirectoryRepository,
    private readonly teams: TeamsRepository,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
    private readonly capacity: AgentCapacityGuard,
    private readonly slaClock: SlaClock,
    private readonly slaDeadlines: SlaDeadlineIndex,
  ) {}

  /** The room's agent or a supervisor sets its category (null: none) and/or priority. */
  async update(
    roomId: string,
    by: Principal,
    fields: { category?: string | null; priority?: RoomPriority },
  ): Promise<RoomSummary> {
    const room = await this.open(roomId);
    if (room.agentId !== by.userId && !isSupervisor(by)) throw chatErrors.notYourRoom();
    let categoryName: string | null = null;
    if (fields.category) {
      const category = await this.teams.findCategory(fields.category);
      if (!category) throw chatErrors.invalid('category: no such category');
      categoryName = category.name;
    }
    const category = fields.category === undefined ? room.category : fields.category;
    const priority = fields.priority ?? room.priority;
    // A new category routes a waiting room to its team, if one takes it.
    const teamId =
      room.status === 'queued' && fields.category !== undefined
        ? (routedTeam({ category, teamId: null }, await this.teams.list()) ?? room.teamId)
        : room.teamId;
    // The deadlines move with the priority (and category): counted again from the room's start
    // by the policy that matches it now. Met and breached targets stay as they were.
    const sla = await this.slaClock.deadlines({ priority, category, teamId }, room.createdAt);
    // Not decided on the room as seen: a label does not conflict with a move or a standby.
    const changed = await this.apply(
      room,
      'labelled',
      (current) =>
        roomChanges.label(current, {
          category,
          priority,
          priorityRank: priorityRank(priority),
          teamId,
          ...sla,
        }),
      { onlyAsSeen: false },
    );
    await this.slaDeadlines.watch([changed]);
    const said = [
      fields.category !== undefined ? `the category to ${categoryName ?? 'none'}` : null,
      fields.priority !== undefined ? `the priority to ${priority}` : null,
    ].filter(Boolean);
    await this.roomsService.timeline(changed, `${by.name} set ${said.join(' and ')}.`);
    await this.announceUpdate(changed, by.userId);
    return this.roomsService.summary(changed);
  }

  /** The room's agent hands it to a team: it waits in that team's queue. */
  async transferToTeam(roomId: string, by: Principal, teamId: string): Promise<RoomSummary> {
    if (!by.permissions.includes('chats:transfer')) throw chatErrors.notYourRoom();
    const room = await this.open(roomId);
    if (room.agentId !== by.userId) throw chatErrors.notYourRoom();
    const team = await this.requireTeam(teamId);
    const moved = await this.apply(room, 'transferred-to-team', (current) =>
      roomChanges.transferToTeam(current, by.userId, team.id, new Date()),
    );
    await this.requeued(room, moved, { reason: 'transferred' });
    await this.roomsService.timeline(
      moved,
      `${by.name} transferred the conversation to ${team.name}.`,
    );
    return this.roomsService.summary(moved);
  }

  /** A supervisor gives any open room to an agent, or returns it to a team's or the tenant's queue. */
  async reassign(roomId: string, by: Principal, target: ReassignTarget): Promise<RoomSummary> {
    if (!isSupervisor(by)) throw chatErrors.notSupervisor();
    const room = await this.open(roomId);
    if ('agentId' in target) return this.reassignToAgent(room, by, target.agentId);
    const team = 'teamId' in target ? await this.requireTeam(target.teamId) : null;
    const moved = await this.apply(room, 'returned', (current) =>
      roomChanges.toQueue(current, team?.id ?? null, new Date()),
    );
    if (room.status === 'active')
      await this.requeued(room, moved, { reason: 'returned', by: by.userId });
    else await this.announceUpdate(moved, by.userId);
    const where = team ? `${team.name}'s queue` : 'the queue';
    await this.roomsService.timeline(moved, `${by.name} returned the conversation to ${where}.`);
    return this.roomsService.summary(moved);
  }

  /**
   * What an SLA breach does to its room by the policy's rule: its priority one step up (its
   * deadlines stay: a breach is not undone by a new target), given to the named agent, or back to
   * the front of its queue. Answers what was done: `none` when the room's state allowed nothing
   * (closed, already urgent, an offline message to requeue). An agent who cannot take it (gone,
   * at capacity) throws as a supervisor's reassignment would.
   */
  async escalate(roomId: string, rule: SlaEscalation): Promise<SlaEscalation['action']> {
    const room = await this.roomsService.get(roomId);
    if (room.status === 'closed') return 'none';
    if (rule.action === 'raise-priority') {
      const next =
        ROOM_PRIORITIES[Math.min(priorityRank(room.priority) + 1, ROOM_PRIORITIES.length - 1)];
      if (next === room.priority) return 'none';
      const changed = await this.apply(
        room,
        'sla-escalated',
        (current) =>
          roomChanges.label(current, { priority: next, priorityRank: priorityRank(next) }),
        { onlyAsSeen: false },
      );
      await this.announceUpdate(changed);
      return rule.action;
    }
    if (rule.action === 'reassign') {
      await this.reassignToAgent(room, SLA_ESCALATION, rule.agentId);
      return rule.action;
    }
    if (rule.action === 'requeue-front' && room.status !== 'offline') {
      const now = new Date();
      const queuedAt = await this.rooms.frontOfQueue(room.teamId, room.priorityRank, now);
      const moved = await this.apply(room, 'sla-escalated', (current) => {
        const change = roomChanges.toQueue(current, current.teamId, now);
        return change && { ...change, queuedAt };
      });
      if (room.status === 'active') await this.requeued(room, moved, { reason: 'returned' });
      else await this.announceUpdate(moved);
      return rule.action;
    }
    return 'none';
  }

  /** A deleted team's open rooms, waiting or taken, wait for (or stay with) everyone. */
  async unrouteTeam(teamId: string): Promise<void> {
    const rooms = await this.rooms.openRoomsOfTeam(teamId);
    for (const room of rooms) {
      const result = await this.rooms.transition(room.id, 'unrouted', (current) =>
        current.teamId === teamId ? roomChanges.label(current, { teamId: null }) : null,
      );
      if (result?.applied) await this.announceUpdate(result.room);
    }
    if (rooms.length > 0) await this.roomsService.broadcastQueue(rooms[0].tenantId);
  }

  private async reassignToAgent(room: RoomRecord, by: Mover, agentId: string) {
    const target = await this.directory.findAgent(agentId);
    if (!target || target.status !== 'active' || !target.permissions.includes('chats:join'))
      throw chatErrors.agentNotFound();
    if (room.agentId === target.id) return this.roomsService.summary(room);
    const moved = await this.capacity.withinCapacity(room.tenantId, target, () =>
      this.apply(room, 'reassigned', (current) =>
        roomChanges.reassign(current, { id: target.id, name: target.name }, new Date()),
      ),
    );
    if (room.agentId) await this.realtime.removeAgentFromRoom(room.tenantId, room.agentId, room.id);
    await this.realtime.addAgentToRoom(room.tenantId, target.id, room.id);
    await this.roomsService.announceRoom(moved);
    if (room.status === 'queued') await this.roomsService.broadcastQueue(room.tenantId);
    await this.events.publish(ChatroomAssignedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        agentId: target.id,
        how: 'transfer',
        ...(room.agentId ? { previousAgentId: room.agentId } : {}),
        ...(by.userId ? { reassignedBy: by.userId } : {}),
        queuedAt: room.queuedAt.toISOString(),
        assignedAt: moved.assignedAt!.toISOString(),
      },
    });
    await this.roomsService.timeline(
      moved,
      by.userId
        ? `${by.name} reassigned the conversation to ${target.name}.`
        : `${target.name} took over the conversation.`,
    );
    this.roomsService.assignmentChance(room.tenantId);
    return this.roomsService.summary(moved);
  }

  /** Applies a change decided on `room` as seen: 409 `room_moved` if another move came first. */
  private async apply(
    room: RoomRecord,
    kind: string,
    decide: Parameters<RoomsRepository['transition']>[2],
    { onlyAsSeen } = { onlyAsSeen: true },
  ): Promise<RoomRecord> {
    const result = onlyAsSeen
      ? await this.rooms.transitionFrom(room, kind, decide)
      : await this.rooms.transition(room.id, kind, decide);
    if (!result) throw chatErrors.roomNotFound();
    if (!result.applied)
      throw result.room.status === 'closed' ? chatErrors.roomClosed() : chatErrors.roomMoved();
    return result.room;
  }

  private async open(roomId: string): Promise<RoomRecord> {
    const room = await this.roomsService.get(roomId);
    if (room.status === 'closed') throw chatErrors.roomClosed();
    return room;
  }

  private async requireTeam(teamId: string) {
    const team = await this.teams.findTeam(teamId);
    if (!team) throw chatErrors.teamNotFound();
    return team;
  }

  /** A taken room waits again: its agent leaves it, everyone hears, auto-assignment looks. */
  private async requeued(
    before: RoomRecord,
    after: RoomRecord,
    how: { reason: 'transferred' | 'returned'; by?: string },
  ): Promise<void> {
    if (before.agentId)
      await this.realtime.removeAgentFromRoom(before.tenantId, before.agentId, before.id);
    await this.roomsService.announceRoom(after);
    await this.roomsService.broadcastQueue(before.tenantId);
    await this.events.publish(ChatroomRequeuedV1, {
      tenantId: before.tenantId,
      chatroomId: before.id,
      payload: {
        roomId: before.id,
        chatbotId: before.chatbotId,
        previousAgentId: before.agentId!,
        reason: how.reason,
        teamId: after.teamId,
        ...(how.by ? { by: how.by } : {}),
        at: new Date().toISOString(),
      },
    });
    this.roomsService.assignmentChance(before.tenantId);
  }

  private async announceUpdate(room: RoomRecord, by?: string): Promise<void> {
    await this.roomsService.announceRoom(room);
    if (room.status === 'queued') await this.roomsService.broadcastQueue(room.tenantId);
    await this.events.publish(ChatroomUpdatedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        category: room.category,
        priority: room.priority,
        teamId: room.teamId,
        ...(by ? { by } : {}),
        at: new Date().toISOString(),
      },
    });
  }
}

const isSupervisor = (agent: Principal) => agent.permissions.includes('chats:supervise');
