import { type RoomPriority } from '@app/contracts';
import { z } from 'zod';
import { type QueueAudience } from './room-routing';
import { type RoomStatus } from './room.schema';

/** Where a page of the history starts after: the last conversation of the page before. */
export interface HistoryPosition {
  createdAt: Date;
  roomId: string;
}

/** `GET /rooms`' narrowing; `none` for category and team: rooms without one. */
export interface RoomHistoryFilter {
  status?: RoomStatus[];
  agentId?: string;
  teamId?: string;
  chatbotId?: string;
  category?: string;
  /** Conversations wearing this label id. */
  label?: string;
  priority?: RoomPriority[];
  /** Conversations of the visitor with this email (lower case): a contact's. */
  visitorEmail?: string;
  /** The visitor's latest rating, `1`…`5`, or `none` for conversations not rated. */
  csat?: Array<'1' | '2' | '3' | '4' | '5' | 'none'>;
  /** Conversations started at or after. */
  from?: Date;
  /** Conversations started before. */
  to?: Date;
}

/** An opaque cursor for the next page: the last conversation's start time and id. */
export function historyCursor({ createdAt, roomId }: HistoryPosition): string {
  return Buffer.from(`${createdAt.getTime()}:${roomId}`).toString('base64url');
}

/** `cursor` read back into a position; anything else is refused as the field's error. */
export const historyCursorSchema = z
  .string()
  .min(1)
  .max(200)
  .transform((cursor, context): HistoryPosition => {
    const match = /^(\d{1,15}):([\w-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
    if (!match) {
      context.addIssue({ code: 'custom', message: 'not a cursor of this list' });
      return z.NEVER;
    }
    return { createdAt: new Date(Number(match[1])), roomId: match[2] };
  });

/**
 * The query for a page of the history, newest first (ties by id): what the audience may see
 * (a supervisor everything; others the rooms of no team, of their teams, and those they held),
 * narrowed by the filter, after the position.
 */
export function historyMatch(
  audience: QueueAudience & { agentId: string },
  filter: RoomHistoryFilter,
  after: HistoryPosition | null,
): { $and: object[] } {
  const conditions: object[] = [];
  if (!audience.supervisor) {
    conditions.push({
      $or: [
        { teamId: { $in: [null, ...audience.teamIds] } },
        { agentId: audience.agentId },
        { previousAgentId: audience.agentId },
      ],
    });
  }
  // One status as an equality: the database serves it, and the newest first, from an index.
  if (filter.status)
    conditions.push({
      status: filter.status.length === 1 ? filter.status[0] : { $in: filter.status },
    });
  if (filter.priority) conditions.push({ priority: { $in: filter.priority } });
  if (filter.agentId !== undefined) conditions.push({ agentId: filter.agentId });
  if (filter.chatbotId !== undefined) conditions.push({ chatbotId: filter.chatbotId });
  if (filter.teamId !== undefined)
    conditions.push({ teamId: filter.teamId === 'none' ? null : filter.teamId });
  if (filter.category !== undefined)
    conditions.push({ category: filter.category === 'none' ? null : filter.category });
  if (filter.label !== undefined) conditions.push({ labels: filter.label });
  if (filter.visitorEmail !== undefined) conditions.push({ 'visitor.email': filter.visitorEmail });
  if (filter.csat) conditions.push(csatMatch(filter.csat));
  if (filter.from) conditions.push({ createdAt: { $gte: filter.from } });
  if (filter.to) conditions.push({ createdAt: { $lt: filter.to } });
  if (after) {
    conditions.push({
      $or: [
        { createdAt: { $lt: after.createdAt } },
        { createdAt: after.createdAt, _id: { $lt: after.roomId } },
      ],
    });
  }
  // An empty `$and` is refused by MongoDB.
  return { $and: conditions.length ? conditions : [{}] };
}

function csatMatch(csat: NonNullable<RoomHistoryFilter['csat']>): object {
  const ratings = csat.filter((value) => value !== 'none').map(Number);
  const rated = { 'csat.rating': { $in: ratings } };
  // Rooms from before ratings have no `csat` field, which `null` matches too.
  return csat.includes('none') ? { $or: [rated, { csat: null }] } : rated;
}
