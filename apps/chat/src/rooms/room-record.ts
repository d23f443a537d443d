import { type Room } from './room.schema';

/** A room as the services see it: its `_id` as `id`. */
export type RoomRecord = Omit<Room, '_id'> & { id: string };

/** What a state change may set. */
export type RoomChange = Partial<
  Pick<
    Room,
    | 'status'
    | 'agentId'
    | 'agentName'
    | 'assignedAt'
    | 'previousAgentId'
    | 'queuedAt'
    | 'awayUntil'
    | 'awayNotified'
    | 'closeReason'
    | 'closedAt'
    | 'category'
    | 'priority'
    | 'priorityRank'
    | 'teamId'
    | 'labels'
    | 'slaPolicyId'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'firstRespondedAt'
    | 'firstResponseBreachedAt'
    | 'resolutionBreachedAt'
    | 'csat'
    | 'intercomConversationId'
  >
>;

/** `applied` false: the room's state did not allow the change; `room` is then as found. */
export interface Transition {
  applied: boolean;
  room: RoomRecord;
}

export const toRecord = ({ _id, ...room }: Room): RoomRecord => ({ id: _id, ...room });
