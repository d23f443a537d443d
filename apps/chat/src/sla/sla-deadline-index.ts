import { InjectConfig } from '@app/config';
import { type SlaKind } from '@app/contracts';
import { execPipeline, REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';
import { type RoomRecord } from '../rooms/room-record';

/** A deadline the sweep found due: which room, which target. */
export interface DueDeadline {
  tenantId: string;
  roomId: string;
  kind: SlaKind;
  /** As the index holds it, to take it out or move it. */
  member: string;
}

export type RoomDeadlines = Pick<
  RoomRecord,
  | 'tenantId'
  | 'id'
  | 'firstResponseDueAt'
  | 'firstRespondedAt'
  | 'firstResponseBreachedAt'
  | 'resolutionDueAt'
  | 'resolutionBreachedAt'
>;

/**
 * The SLA deadlines still to watch, every tenant's, in one Redis sorted set by due time (one
 * member per room and target), so the breach sweep reads what is due instead of searching the
 * rooms, which FerretDB does only by scanning them all (seconds at tens of thousands of rooms,
 * every few seconds). The rooms stay the truth: the sweep checks each due room before acting and
 * drops what was met, breached or closed meanwhile; what a crash kept out of the set, the
 * reconciliation puts back. Named after the deployment's database, as the standby's set is.
 */
@Injectable()
export class SlaDeadlineIndex {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() config: ChatConfig,
  ) {
    this.key = redisKeys.slaDeadlines(config.MONGO_DB);
  }

  /**
   * Watches the room's deadlines still open, at their current times (`keep`: leaves those the
   * set has, for the reconciliation, which must not move what a label just moved).
   */
  async watch(rooms: RoomDeadlines[], keep = false): Promise<void> {
    const pipeline = this.redis.pipeline();
    let watched = 0;
    for (const room of rooms)
      for (const [kind, dueAt] of pendingDeadlines(room)) {
        const score = dueAt.getTime();
        const member = deadlineMember(room.tenantId, room.id, kind);
        if (keep) pipeline.zadd(this.key, 'NX', score, member);
        else pipeline.zadd(this.key, score, member);
        watched++;
      }
    if (watched === 0) return;
    await execPipeline(pipeline);
  }

  async due(now: Date, limit: number): Promise<DueDeadline[]> {
    const members = await this.redis.zrangebyscore(
      this.key,
      '-inf',
      now.getTime(),
      'LIMIT',
      0,
      limit,
    );
    return members.map((member) => {
      const [tenantId, roomId, kind] = member.split('|');
      return { tenantId, roomId, kind: kind as SlaKind, member };
    });
  }

  async move(deadline: DueDeadline, to: Date): Promise<void> {
    await this.redis.zadd(this.key, to.getTime(), deadline.member);
  }

  async forget(deadline: DueDeadline): Promise<void> {
    await this.redis.zrem(this.key, deadline.member);
  }
}

/** The room's targets neither met nor breached yet, with their deadlines. */
export function pendingDeadlines(room: RoomDeadlines): Array<[SlaKind, Date]> {
  const pending: Array<[SlaKind, Date]> = [];
  if (room.firstResponseDueAt && !room.firstRespondedAt && !room.firstResponseBreachedAt)
    pending.push(['first_response', room.firstResponseDueAt]);
  if (room.resolutionDueAt && !room.resolutionBreachedAt)
    pending.push(['resolution', room.resolutionDueAt]);
  return pending;
}

const deadlineMember = (tenantId: string, roomId: string, kind: SlaKind) =>
  `${tenantId}|${roomId}|${kind}`;
