import { type RoomSummary } from '@app/contracts';
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
  };
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
