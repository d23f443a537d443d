import { REDIS, redisScript } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { redisKeys } from '../redis-keys';

const RELEASE_IF_MINE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Who attempts a delivery: the first replica (or call) to take its claim, `SET NX` in Redis, until
 * it releases it or the claim expires (its holder died). A conditional update in the database
 * would not do: FerretDB v1 does not apply those atomically under concurrency.
 */
@Injectable()
export class DeliveryClaims {
  private readonly releaseIfMine: (key: string, token: string) => Promise<number>;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    this.releaseIfMine = redisScript<number>(redis, 'parleyReleaseDeliveryClaim', RELEASE_IF_MINE);
  }

  /** The claim's token, or null when another holds it. */
  async take(deliveryId: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    const taken = await this.redis.set(
      redisKeys.deliveryClaim(deliveryId),
      token,
      'PX',
      ttlMs,
      'NX',
    );
    return taken === 'OK' ? token : null;
  }

  async release(deliveryId: string, token: string): Promise<void> {
    await this.releaseIfMine(redisKeys.deliveryClaim(deliveryId), token);
  }
}
