import { execPipeline, REDIS, redisScript } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisKeys } from '../redis-keys';

/**
 * Hands out a room's next seq for a client message id ({seq, 1}), or the seq it got before
 * ({seq, 0}). With a floor (the highest seq stored), first raises the counter to at least the
 * floor and ignores an earlier claim: that seq turned out to be taken. Without one, answers
 * nothing when the room is cold. Only the room's last CLAIMS_KEPT claims are kept, by seq.
 */
const CLAIM_SCRIPT = `
local claimed = redis.call('ZSCORE', KEYS[2], ARGV[1])
if claimed and ARGV[2] == '' then return {tonumber(claimed), 0} end
local current = redis.call('HGET', KEYS[1], 'seq')
if ARGV[2] == '' then
  if not current then return false end
elseif not current or tonumber(current) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'seq', ARGV[2])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -1 - tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return {seq, 1}
`;

/**
 * Gives back a seq just handed out to a resend whose claim Redis had let go (its original is
 * stored under ARGV[3]): the counter goes back if no seq was handed out since, so the room's seqs
 * keep no hole that every socket would wait on; the claim points at the original from now on.
 */
const GIVE_BACK_SCRIPT = `
if redis.call('HGET', KEYS[1], 'seq') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'seq', tonumber(ARGV[1]) - 1)
end
if redis.call('ZSCORE', KEYS[2], ARGV[2]) then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2]) end
return 1
`;

/**
 * A room's counter is kept a day after its last message: a room idle that long has closed. A cold
 * room's next seq then costs one database query.
 */
const KEEP_MS = 24 * 3600 * 1000;

/**
 * Claims serve resends, which come within a client's reconnect: a visitor's within the standby's
 * 10 minutes. Past these bounds a resend is still answered with its original, from the messages'
 * unique client message id, at the cost of one seq skipped. Without them, claims grew with every
 * message of a busy room for a day (66 MB an hour at 300 messages/s in the soak).
 */
const CLAIMS_KEEP_MS = 15 * 60 * 1000;
/** Under Redis's default 128 entries, so a room's claims stay a compact list. */
const CLAIMS_KEPT = 100;

type Room = { tenantId: string; id: string };

/** A seq for a client message id: `fresh` when handed out now, not to an earlier send of it. */
export interface ClaimedSeq {
  seq: number;
  fresh: boolean;
}

/**
 * Message seqs, per room: the last seq handed out (a hash's `seq`) and the seq each recent client
 * message id got (a sorted set), so that handing out a seq and recording whose it is are one
 * atomic step, and a resend learns its seq without touching the database.
 *
 * Redis is the allocator, not the truth: the messages' unique `_id` (room and seq) refuses a seq
 * handed out twice, and their unique client message id refuses a message stored twice, which is
 * what holds if Redis loses the hash (the caller then reseeds from the highest seq stored).
 */
@Injectable()
export class MessageSeqAllocator {
  private readonly claimScript: (
    key: string,
    claimsKey: string,
    clientMessageId: string,
    floor: string,
    keepMs: number,
    claimsKept: number,
    claimsKeepMs: number,
  ) => Promise<[number, 0 | 1] | null>;

  private readonly giveBackScript: (
    key: string,
    claimsKey: string,
    seq: number,
    clientMessageId: string,
    originalSeq: number,
  ) => Promise<number>;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    this.claimScript = redisScript(redis, 'parleyClaimMessageSeq', CLAIM_SCRIPT, 2);
    this.giveBackScript = redisScript(redis, 'parleyGiveBackMessageSeq', GIVE_BACK_SCRIPT, 2);
  }

  /** The seq for a client message id: a new one, or the one it got before (a resend). */
  async claim(
    room: Room,
    clientMessageId: string,
    highestStored: () => Promise<number>,
  ): Promise<ClaimedSeq> {
    const claimed = await this.runClaim(room, clientMessageId, '');
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
    const floor = await highestStored();
    const [seq] = (await this.runClaim(room, clientMessageId, String(floor)))!;
    return { seq, fresh: true };
  }

  /**
   * `seq` was claimed for a resend of a message stored before as `originalSeq`: given back where
   * it is still the room's last, so that no stream waits for a seq that will never be stored.
   */
  async giveBack(
    room: Room,
    seq: number,
    clientMessageId: string,
    originalSeq: number,
  ): Promise<void> {
    await this.giveBackScript(...scriptKeys(room), seq, clientMessageId, originalSeq);
  }

  /** The seq a client message id got, where Redis still knows it. */
  async claimed(room: Room, clientMessageId: string): Promise<number | null> {
    const seq = await this.redis.zscore(
      redisKeys.messageClaims(room.tenantId, room.id),
      clientMessageId,
    );
    return seq === null ? null : Number(seq);
  }

  private runClaim(room: Room, clientMessageId: string, floor: string) {
    return this.claimScript(
      ...scriptKeys(room),
      clientMessageId,
      floor,
      KEEP_MS,
      CLAIMS_KEPT,
      CLAIMS_KEEP_MS,
    );
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

/** The keys both scripts take: the room's counter, then its claims. */
function scriptKeys(room: Room): [string, string] {
  return [
    redisKeys.messageSeqs(room.tenantId, room.id),
    redisKeys.messageClaims(room.tenantId, room.id),
  ];
}
