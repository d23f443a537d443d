import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisKeys } from '../redis-keys';
import {
  type EndpointRecord,
  WebhookEndpointsRepository,
} from '../webhooks/webhook-endpoints.repository';

/** How long an attempt may act on an endpoint as it was read: a change reaches attempts after it. */
const FRESH_MS = 1000;

/**
 * The endpoints as attempts read them. Every delivery needs its endpoint's URL, secrets and state,
 * and a database read for each was a large part of FerretDB's work per delivery: they are kept a
 * second in the process. Whether an endpoint's failure streak runs is also kept in Redis, shared
 * by every replica, so that a success here ends a streak another replica started a moment ago
 * (an endpoint disabled for a streak that had ended would stop getting events).
 */
@Injectable()
export class EndpointSnapshots {
  private readonly read = new Map<string, { endpoint: EndpointRecord | null; until: number }>();

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async get(id: string): Promise<EndpointRecord | null> {
    const now = Date.now();
    const kept = this.read.get(id);
    if (kept && kept.until > now) return kept.endpoint;
    const endpoint = await this.endpoints.findById(id);
    this.read.set(id, { endpoint, until: now + FRESH_MS });
    if (this.read.size > 10_000) this.forgetExpired(now);
    return endpoint;
  }

  /** A delivery got through: ends the endpoint's failure streak if one runs. */
  async succeeded(endpoint: EndpointRecord): Promise<void> {
    const flagged = (await this.redis.del(redisKeys.endpointFailing(endpoint._id))) === 1;
    if (!flagged && !endpoint.failingSince) return;
    await this.endpoints.markSucceeded(endpoint._id);
    this.read.delete(endpoint._id);
  }

  /** A delivery failed: starts the streak unless one runs; answers when it started. */
  async failed(endpoint: EndpointRecord, at: Date): Promise<Date | null> {
    await this.redis.set(redisKeys.endpointFailing(endpoint._id), at.toISOString());
    this.read.delete(endpoint._id);
    return this.endpoints.markFailing(endpoint._id, at);
  }

  private forgetExpired(now: number): void {
    for (const [id, kept] of this.read) if (kept.until <= now) this.read.delete(id);
  }
}
