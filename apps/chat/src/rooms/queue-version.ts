import { REDIS } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { redisKeys } from '../redis-keys';
import { type RoomRecord } from './room-record';

/** A queue unchanged this long counts as changed (its tally is made again on the next read). */
const VERSION_KEEP_MS = 24 * 3600 * 1000;

/** What the queue is narrowed and counted by: a change to any of these in a waiting room. */
const QUEUE_FIELDS = ['status', 'chatbotId', 'category', 'teamId', 'priorityRank'] as const;

/**
 * A version of each tenant's queue, a new random value at every change to it, so that what is
 * kept of the queue (QueueTally) is known to be current. Changed by the room writes themselves
 * (RoomsRepository), after the database has the change: no caller can forget it.
 */
@Injectable()
export class QueueVersion {
  private readonly logger = new Logger(QueueVersion.name);

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** After a room was created or changed: a new version if the change touched the queue. */
  async afterWrite(before: RoomRecord | null, after: RoomRecord): Promise<void> {
    if (before && !touchesQueue(before, after)) return;
    if (!before && after.status !== 'queued') return;
    await this.redis
      .set(redisKeys.queueVersion(after.tenantId), randomUUID(), 'PX', VERSION_KEEP_MS)
      .catch((error: Error) =>
        // What was kept of the queue then lags the change by its own lifetime at most.
        this.logger.warn(`queue version of ${after.tenantId} not changed: ${error.message}`),
      );
  }
}

function touchesQueue(before: RoomRecord, after: RoomRecord): boolean {
  if (before.status !== 'queued' && after.status !== 'queued') return false;
  return QUEUE_FIELDS.some((field) => (before[field] ?? null) !== (after[field] ?? null));
}
