import { CsatRatedV1, type CsatSource, type RoomCsat } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { AppHttpError, REDIS, RedisRateLimits } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { chatErrors } from '../chat-errors';
import { redisKeys } from '../redis-keys';
import { roomChanges } from '../rooms/room-changes';
import { roomCsat } from '../rooms/room-summary';
import { type StoredCsat } from '../rooms/room.schema';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { stableUuid } from '../sla/stable-id';
import { type CsatInput } from './dto/csat.dto';

export const csatErrors = {
  notResolved: () =>
    new AppHttpError(
      409,
      'room_not_resolved',
      'only a conversation closed as resolved can be rated',
    ),
  notRoomVisitor: () =>
    new AppHttpError(403, 'not_room_visitor', "only the conversation's visitor may rate it"),
};

/**
 * The visitor's satisfaction rating of a conversation closed as resolved, from the widget or a
 * transcript email's link: one per conversation, a later one replacing it, each announced as
 * `chat.csat.rated` (naming the one it replaces) and shown to the room's agents at once.
 */
@Injectable()
export class CsatService {
  /**
   * A visitor changes their mind a few times at most; a loop on a rating link (or a leaked
   * room token) would make every change an event for analytics and the webhooks.
   */
  private readonly limits: RedisRateLimits<'room'>;

  constructor(
    private readonly repository: RoomsRepository,
    private readonly rooms: RoomsService,
    private readonly events: EventPublisher,
    @Inject(REDIS) redis: Redis,
  ) {
    this.limits = new RedisRateLimits(
      redis,
      redisKeys.csatRates(),
      { room: { points: 10, duration: 600 } },
      { code: 'csat_rate_limited', what: 'ratings of this conversation' },
    );
  }

  /**
   * Rates the room of the tenant in context; 404 unknown, 409 not closed as resolved, 429 past
   * 10 ratings of the room in 10 minutes.
   */
  async rate(roomId: string, input: CsatInput, via: CsatSource): Promise<RoomCsat> {
    await this.limits.consume('room', roomId);
    let replaced: StoredCsat | null = null;
    const rating = {
      rating: input.rating,
      comment: input.comment?.trim() || null,
      ratedAt: new Date().toISOString(),
      via,
    };
    const rated = await this.repository.transition(roomId, 'csat-rated', (room) => {
      // Read from the room the change is decided on: the rating it replaces, if any.
      replaced = room.csat ?? null;
      return roomChanges.rate(room, rating);
    });
    if (!rated) throw chatErrors.roomNotFound();
    if (!rated.applied) throw csatErrors.notResolved();
    const room = rated.room;
    const csat = room.csat!;
    const previous = replaced as StoredCsat | null;
    await this.events.publish(CsatRatedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      eventId: stableUuid(`csat:${room.id}:${csat.revision}`),
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        revision: csat.revision,
        rating: csat.rating,
        hasComment: csat.comment !== null,
        via,
        agentId: room.agentId ?? null,
        teamId: room.teamId ?? null,
        closedAt: room.closedAt!.toISOString(),
        ratedAt: csat.ratedAt,
        replaces: previous
          ? {
              rating: previous.rating,
              // A room's agent and team do not change once it is closed.
              agentId: room.agentId ?? null,
              teamId: room.teamId ?? null,
              ratedAt: previous.ratedAt,
            }
          : null,
      },
    });
    await this.rooms.announceRoom(room);
    return roomCsat(room)!;
  }
}
