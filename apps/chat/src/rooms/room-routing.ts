import { ROOM_PRIORITIES, type RoomPriority } from '@app/contracts';

/** low 0, normal 1, high 2, urgent 3: the queue serves the highest rank first. */
export const priorityRank = (priority: RoomPriority): number => ROOM_PRIORITIES.indexOf(priority);

/**
 * The team a room waits for: the one it was given, else the oldest team whose categories hold
 * the room's category, else none (every agent's queue). Whatever set the category (a journey,
 * an agent), routing goes through here.
 */
export function routedTeam(
  room: { category: string | null; teamId: string | null },
  teams: ReadonlyArray<{ id: string; categoryIds: string[] }>,
): string | null {
  if (room.teamId) return room.teamId;
  if (!room.category) return null;
  return teams.find((team) => team.categoryIds.includes(room.category!))?.id ?? null;
}

/** Who an agent is to the queue: a supervisor sees every room, others theirs and the team-less. */
export type QueueAudience = { supervisor: true } | { supervisor: false; teamIds: string[] };

/** The narrowing an agent asks for (`GET /rooms/queue`'s filters); `teamId: 'none'`: no team. */
export interface QueueFilter {
  category?: string;
  teamId?: string;
  chatbotId?: string;
}

/** May this audience see (and take) a room routed to `teamId`? */
export function canSeeTeam(audience: QueueAudience, teamId: string | null): boolean {
  return audience.supervisor || teamId === null || audience.teamIds.includes(teamId);
}
