import { type RoomSummary } from '@app/contracts';
import { type RoomRecord } from './rooms.repository';

/** What agents and visitors are told about a room. "standby" means the visitor is away. */
export function summarize(room: RoomRecord): RoomSummary {
  return {
    roomId: room.id,
    displayId: room.displayId,
    chatbotId: room.chatbotId,
    status: room.status !== 'closed' && room.awayUntil ? 'standby' : room.status,
    visitor: { name: room.visitor.name, email: room.visitor.email },
    ...(room.agentId ? { agent: { id: room.agentId, name: room.agentName ?? '' } } : {}),
    lastSeq: room.lastSeq,
    createdAt: room.createdAt.toISOString(),
    ...(room.status === 'queued' ? { queuedAt: room.queuedAt.toISOString() } : {}),
  };
}
