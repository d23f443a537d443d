import { execPipeline, REDIS, redisScript } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisKeys } from '../redis-keys';

/**
 * Hands out a room's next seq for a client message id ({seq, 1}), or the seq it got before
 * ({seq, 0}). With a floor
 * (the highest seq stored), first raises the counter to at least the floor and ignores an earlier
 * claim: that seq turned out to be taken. Without one, answers nothing when the room is cold.
 */
const CLAIM_SCRIPT = `
local claim = 'c:' .. ARGV[1]
local claimed = redis.call('HGET', KEYS[1], claim)
if claimed and ARGV[2] == '' then return {tonumber(claimed), 0} end
local current = redis.call('HGET', KEYS[1], 'seq')
if ARGV[2] == '' then
  if not current then return false end
elseif not current or tonumber(current) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'seq', ARGV[2])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], claim, seq)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {seq, 1}
`;

/**
 * Kept a day after a room's last message: longer than any client resends, and a room idle that
 * long has closed. A cold room's next seq then costs one database query.
 */
const KEEP_MS = 24 * 3600 * 1000;

type Room = { tenantId: string; id: string };

/** A seq for a client message id: `fresh` when handed out now, not to an earlier send of it. */
export interface ClaimedSeq {
  seq: number;
  fresh: boolean;
}

/**
 * Message seqs, one Redis hash per room: the last seq handed out (`seq`) and the seq each client
 * message id got (`c:<client message id>`), so that handing out a seq and recording whose it is
 * are one atomic step, and a resend learns its seq without touching the database.
 *
 * Redis is the allocator, not the truth: the messages' unique `_id` (room and seq) refuses a seq
 * handed out twice, and their unique client message id refuses a message stored twice, which is
 * what holds if Redis loses the hash (the caller then reseeds from the highest seq stored).
 */
@Injectable()
export class MessageSeqAllocator {
  private readonly claimScript: (
    key: string,
    clientMessageId: string,
    floor: string,
    keepMs: number,
  ) => Promise<[number, 0 | 1] | null>;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    this.claimScript = redisScript(redis, 'parleyClaimMessageSeq', CLAIM_SCRIPT);
  }

  /** The seq for a client message id: a new one, or the one it got before (a resend). */
  async claim(
    room: Room,
    clientMessageId: string,
    highestStored: () => Promise<number>,
  ): Promise<ClaimedSeq> {
    const key = redisKeys.messageSeqs(room.tenantId, room.id);
    const claimed = await this.claimScript(key, clientMessageId, '', KEEP_MS);
    return claimed
      ? { seq: claimed[0], fresh: claimed[1] === 1 }
      : this.reclaim(room, clientMessageId, highestStored);
  }

  /** The claimed seq was stored already (Redis lost the counter): a new seq above it. */
  async reclaim(
    room: Room,
    clientMessageId: string,
    highestStored: () => Promise<number>,
  ): Promise<ClaimedSeq> {
    const key = redisKeys.messageSeqs(room.tenantId, room.id);
    const floor = await highestStored();
    const [seq] = (await this.claimScript(key, clientMessageId, String(floor), KEEP_MS))!;
    return { seq, fresh: true };
  }

  /** The seq a client message id got, where Redis still knows it. */
  async claimed(room: Room, clientMessageId: string): Promise<number | null> {
    const seq = await this.redis.hget(
      redisKeys.messageSeqs(room.tenantId, room.id),
      `c:${clientMessageId}`,
    );
    return seq === null ? null : Number(seq);
  }

  /** A room that starts now: its first seq is 1, with no database query. */
  async start(room: Room): Promise<void> {
    const key = redisKeys.messageSeqs(room.tenantId, room.id);
    await this.redis.multi().hsetnx(key, 'seq', 0).pexpire(key, KEEP_MS).exec();
  }

  /**
   * Keeps the last seqs read from the database for rooms Redis had forgotten, so that the next
   * read of them is Redis's. Only where Redis still has none: a seq handed out meanwhile wins.
   */
  async remember(rooms: Room[], seqs: number[]): Promise<void> {
    if (rooms.length === 0) return;
    const pipeline = this.redis.pipeline();
    rooms.forEach((room, index) => {
      const key = redisKeys.messageSeqs(room.tenantId, room.id);
      pipeline.hsetnx(key, 'seq', seqs[index]).pexpire(key, KEEP_MS);
    });
    await execPipeline(pipeline);
  }

  /** The last seq handed out in each room, where Redis still knows it. */
  async last(rooms: Room[]): Promise<Array<number | null>> {
    if (rooms.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const room of rooms) pipeline.hget(redisKeys.messageSeqs(room.tenantId, room.id), 'seq');
    const replies = await execPipeline(pipeline);
    return replies.map((value) => (value === null ? null : Number(value)));
  }
}
