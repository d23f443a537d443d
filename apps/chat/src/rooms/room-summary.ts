import {
  type ChatroomClosedV1,
  type PayloadOf,
  type RoomCsat,
  type RoomSla,
  type RoomSummary,
} from '@app/contracts';

type SlaOutcome = NonNullable<PayloadOf<typeof ChatroomClosedV1>['sla']>;
import { type RoomRecord } from './room-record';

/** What agents and visitors are told about a room. "standby" means the visitor is away. */
export function summarize(room: RoomRecord, lastSeq: number): RoomSummary {
  return {
    roomId: room.id,
    displayId: room.displayId,
    chatbotId: room.chatbotId,
    status: displayStatus(room),
    visitor: {
      name: room.visitor.name,
      email: room.visitor.email,
      verified: room.visitor.verified === true,
    },
    ...assignedAgent(room),
    ...labels(room),
    lastSeq,
    createdAt: room.createdAt.toISOString(),
    ...(room.status === 'queued' ? { queuedAt: room.queuedAt.toISOString() } : {}),
    ...closing(room),
    csat: roomCsat(room),
  };
}

/**
 * What agents are told beyond what the visitor is: the room's SLA deadlines, labels, and the
 * Intercom conversation it is bridged to.
 */
export function agentSummary(room: RoomRecord, lastSeq: number): RoomSummary {
  return {
    ...summarize(room, lastSeq),
    sla: roomSla(room),
    labels: roomLabels(room),
    intercomConversationId: room.intercomConversationId ?? null,
  };
}

/** Rooms from before labels wear none. */
export const roomLabels = (room: RoomRecord): string[] => room.labels ?? [];

/**
 * The room's SLA for agents, or null when no policy applied. First response is met by the first
 * agent message, resolution by the close.
 */
export function roomSla(room: RoomRecord): RoomSla | null {
  if (!room.slaPolicyId || !room.firstResponseDueAt || !room.resolutionDueAt) return null;
  const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);
  return {
    policyId: room.slaPolicyId,
    startedAt: room.createdAt.toISOString(),
    firstResponse: {
      dueAt: room.firstResponseDueAt.toISOString(),
      metAt: iso(room.firstRespondedAt),
      breachedAt: iso(room.firstResponseBreachedAt),
    },
    resolution: {
      dueAt: room.resolutionDueAt.toISOString(),
      metAt: room.status === 'closed' ? iso(room.closedAt) : null,
      breachedAt: iso(room.resolutionBreachedAt),
    },
  };
}

/** The `room:updated` event for a room's current state. */
export function roomUpdate(room: RoomRecord) {
  return {
    roomId: room.id,
    status: displayStatus(room),
    ...assignedAgent(room),
    ...labels(room),
    visitorAway: room.status !== 'closed' && room.awayUntil !== null,
    ...(room.status === 'closed' ? { reason: room.closeReason ?? 'resolved' } : {}),
    csat: roomCsat(room),
  };
}

/** The visitor's latest rating as agents and the visitor see it; null when not rated. */
export function roomCsat(room: RoomRecord): RoomCsat | null {
  if (!room.csat) return null;
  const { rating, comment, ratedAt, via } = room.csat;
  return { rating, comment, ratedAt, via };
}

function displayStatus(room: RoomRecord): RoomSummary['status'] {
  // An offline room's visitor is never there: it is shown as offline until an agent takes it.
  return room.status !== 'closed' && room.status !== 'offline' && room.awayUntil
    ? 'standby'
    : room.status;
}

function assignedAgent(room: RoomRecord): { agent?: { id: string; name: string } } {
  return room.agentId ? { agent: { id: room.agentId, name: room.agentName ?? '' } } : {};
}

/** Rooms from before categories and priorities read as none and normal. */
function labels(room: RoomRecord): Pick<RoomSummary, 'category' | 'priority' | 'teamId'> {
  return {
    category: room.category ?? null,
    priority: room.priority ?? 'normal',
    teamId: room.teamId ?? null,
  };
}

function closing(room: RoomRecord): Pick<RoomSummary, 'closedAt' | 'closeReason'> {
  if (room.status !== 'closed' || !room.closedAt) return {};
  return { closedAt: room.closedAt.toISOString(), closeReason: room.closeReason ?? 'resolved' };
}

/**
 * Whether a closed room met its targets, for analytics' compliance rate; nothing when no policy
 * applied. A first response never given counts as missed once its deadline passed before the
 * close, and as not measured (null) otherwise.
 */
export function slaOutcome(room: RoomRecord): { sla?: SlaOutcome } {
  if (!room.slaPolicyId || !room.firstResponseDueAt || !room.resolutionDueAt || !room.closedAt)
    return {};
  const firstResponseMet = room.firstRespondedAt
    ? room.firstRespondedAt <= room.firstResponseDueAt
    : room.closedAt > room.firstResponseDueAt
      ? false
      : null;
  return {
    sla: {
      policyId: room.slaPolicyId,
      teamId: room.teamId ?? null,
      category: room.category ?? null,
      firstResponseMet,
      resolutionMet: room.closedAt <= room.resolutionDueAt,
    },
  };
}
