import type { RoomSummary } from '@app/contracts';

/**
 * Which rooms of a queue update are new, to alert the agent once per arrival. The first queue
 * after loading only sets what is known: rooms already waiting then are no news.
 */
export class QueueArrivals {
  private known: Set<string> | null = null;

  arrivals(rooms: readonly RoomSummary[]): RoomSummary[] {
    const previous = this.known;
    this.known = new Set(rooms.map((room) => room.roomId));
    if (!previous) return [];
    return rooms.filter((room) => !previous.has(room.roomId));
  }
}
