import { type RoomChange, type RoomRecord } from './room-record';
import { type CloseReason, type StoredCsat } from './room.schema';

type Agent = { id: string; name: string };

/**
 * The rules of a room's life: each answers the change a room in its current state allows, or
 * null when the state does not allow it. `RoomsRepository.transition` applies them one at a
 * time, so a rule sees the room as the change before it left it.
 */
export const roomChanges = {
  /** An agent takes a waiting room, or an offline message to answer. */
  claim(room: RoomRecord, agent: Agent, now: Date): RoomChange | null {
    return room.status === 'queued' || room.status === 'offline'
      ? { status: 'active', agentId: agent.id, agentName: agent.name, assignedAt: now }
      : null;
  },

  /** The room's agent hands it to another. */
  transfer(room: RoomRecord, fromAgentId: string, to: Agent, now: Date): RoomChange | null {
    return room.status === 'active' && room.agentId === fromAgentId
      ? { agentId: to.id, agentName: to.name, assignedAt: now }
      : null;
  },

  /** The room's agent leaves it: it waits again, at the back of the queue. */
  requeue(room: RoomRecord, agentId: string, now: Date): RoomChange | null {
    return room.status === 'active' && room.agentId === agentId
      ? { status: 'queued', agentId: null, agentName: null, assignedAt: null, queuedAt: now }
      : null;
  },

  /** The room's agent hands it to a team: it waits again, at the back of that team's queue. */
  transferToTeam(
    room: RoomRecord,
    fromAgentId: string,
    teamId: string,
    now: Date,
  ): RoomChange | null {
    return room.status === 'active' && room.agentId === fromAgentId
      ? roomChanges.toQueue(room, teamId, now)
      : null;
  },

  /**
   * A supervisor returns an open room to a team's queue or (`teamId` null) the tenant's: a taken
   * room waits again at the back, a waiting one keeps its place and changes queue.
   */
  toQueue(room: RoomRecord, teamId: string | null, now: Date): RoomChange | null {
    if (room.status === 'closed') return null;
    return {
      status: 'queued',
      agentId: null,
      agentName: null,
      assignedAt: null,
      queuedAt: room.status === 'queued' ? room.queuedAt : now,
      teamId,
      previousAgentId: room.agentId ?? room.previousAgentId,
    };
  },

  /** A supervisor gives an open room, waiting or taken, to an agent. */
  reassign(room: RoomRecord, to: Agent, now: Date): RoomChange | null {
    return room.status !== 'closed' && room.agentId !== to.id
      ? { status: 'active', agentId: to.id, agentName: to.name, assignedAt: now }
      : null;
  },

  /** Category, priority or team of an open room. */
  label(
    room: RoomRecord,
    fields: Pick<
      RoomChange,
      | 'category'
      | 'priority'
      | 'priorityRank'
      | 'teamId'
      | 'slaPolicyId'
      | 'firstResponseDueAt'
      | 'resolutionDueAt'
    >,
  ): RoomChange | null {
    return room.status !== 'closed' ? fields : null;
  },

  /** A label on the room, open or closed (a closed conversation is labelled for the history too). */
  addLabel(room: RoomRecord, labelId: string): RoomChange | null {
    const labels = room.labels ?? [];
    return labels.includes(labelId) ? null : { labels: [...labels, labelId] };
  },

  removeLabel(room: RoomRecord, labelId: string): RoomChange | null {
    const labels = room.labels ?? [];
    return labels.includes(labelId) ? { labels: labels.filter((id) => id !== labelId) } : null;
  },

  close(room: RoomRecord, reason: CloseReason, now: Date): RoomChange | null {
    return room.status !== 'closed'
      ? { status: 'closed', closeReason: reason, closedAt: now, awayUntil: null }
      : null;
  },

  /**
   * The visitor rates the conversation: only one closed as resolved (a rating of a chat that
   * was abandoned, blocked or is still going means nothing). A later rating replaces the first.
   */
  rate(room: RoomRecord, rating: Omit<StoredCsat, 'revision'>): RoomChange | null {
    return room.status === 'closed' && (room.closeReason ?? 'resolved') === 'resolved'
      ? { csat: { ...rating, revision: (room.csat?.revision ?? 0) + 1 } }
      : null;
  },

  /** The visitor's last socket closed: the standby runs until `until`. */
  away(room: RoomRecord, until: Date): RoomChange | null {
    return room.status !== 'closed' && !room.awayUntil
      ? { awayUntil: until, awayNotified: false }
      : null;
  },

  back(room: RoomRecord): RoomChange | null {
    return room.status !== 'closed' && room.awayUntil
      ? { awayUntil: null, awayNotified: false }
      : null;
  },

  /** The away visitor is emailed an agent's reply once per absence. */
  awayEmailed(room: RoomRecord): RoomChange | null {
    return room.awayUntil && !room.awayNotified ? { awayNotified: true } : null;
  },
};
