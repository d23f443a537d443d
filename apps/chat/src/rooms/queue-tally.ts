import { ROOM_PRIORITIES, type RoomPriority } from '@app/contracts';
import { REDIS } from '@app/platform';
import { TenantContext } from '@app/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisKeys } from '../redis-keys';
import { type QueueAudience, type QueueFilter } from './room-routing';
import { type QueueGroup, RoomsRepository } from './rooms.repository';

export interface QueueCounts {
  total: number;
  byChatbot: Record<string, number>;
  byCategory: Record<string, number>;
  byTeam: Record<string, number>;
  byPriority: Partial<Record<RoomPriority, number>>;
}

/**
 * How long a tally is kept: the bound on how stale the counts could be should the queue's
 * version fail to change (Redis refusing the write).
 */
const TALLY_KEEP_MS = 60_000;

/**
 * The counts of a tenant's queue (in all, per chatbot, category, team and priority), for every
 * audience and filter, from one grouping of its waiting rooms kept in Redis until the queue
 * changes. The database decodes every waiting room to count them (a quarter of a millisecond
 * each on FerretDB): the queue page and every send of it to agents read the counts, and the
 * queue changes far less often than it is read. Each tally holds the queue's version it was
 * made at (see QueueVersion, changed by every room write that touches the queue); a tally of
 * another version is made again.
 */
@Injectable()
export class QueueTally {
  constructor(
    private readonly rooms: RoomsRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** The counts of the tenant in context's queue that the audience may see, narrowed by filter. */
  async counts(audience: QueueAudience, filter: QueueFilter = {}): Promise<QueueCounts> {
    return countQueue(await this.groups(TenantContext.current()), audience, filter);
  }

  private async groups(tenantId: string): Promise<QueueGroup[]> {
    const [version, stored] = await this.redis.mget(
      redisKeys.queueVersion(tenantId),
      redisKeys.queueTally(tenantId),
    );
    // No version: the queue unchanged for as long as QueueVersion keeps one.
    const current = version ?? '';
    if (stored) {
      const tally = JSON.parse(stored) as { version: string; groups: QueueGroup[] };
      if (tally.version === current) return tally.groups;
    }
    // Read after the version: a change from now on gives a new version, so this tally, which
    // may or may not hold that change, is not taken for the new version's.
    const groups = await this.rooms.queueGroups();
    await this.redis.set(
      redisKeys.queueTally(tenantId),
      JSON.stringify({ version: current, groups }),
      'PX',
      TALLY_KEEP_MS,
    );
    return groups;
  }
}

/** The counts of the groups the audience may see and the filter keeps. */
export function countQueue(
  groups: QueueGroup[],
  audience: QueueAudience,
  filter: QueueFilter,
): QueueCounts {
  const wanted = (value: string | undefined) => (value === 'none' ? null : value);
  const counts: QueueCounts = {
    total: 0,
    byChatbot: {},
    byCategory: {},
    byTeam: {},
    byPriority: {},
  };
  const add = (into: Record<string, number>, key: string, count: number) => {
    into[key] = (into[key] ?? 0) + count;
  };
  for (const group of groups) {
    if (!audience.supervisor && group.teamId !== null && !audience.teamIds.includes(group.teamId))
      continue;
    if (filter.teamId !== undefined && group.teamId !== wanted(filter.teamId)) continue;
    if (filter.category !== undefined && group.category !== wanted(filter.category)) continue;
    if (filter.chatbotId !== undefined && group.chatbotId !== filter.chatbotId) continue;
    counts.total += group.count;
    add(counts.byChatbot, group.chatbotId, group.count);
    add(counts.byCategory, group.category ?? 'none', group.count);
    add(counts.byTeam, group.teamId ?? 'none', group.count);
    add(counts.byPriority, ROOM_PRIORITIES[group.rank] ?? 'normal', group.count);
  }
  return counts;
}
