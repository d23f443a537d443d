import { execPipeline, REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisKeys } from '../redis-keys';
import { type WebhookDelivery } from './webhook-delivery.schema';

/** What the index reads of a delivery. */
export type IndexedDelivery = Pick<
  WebhookDelivery,
  '_id' | 'tenantId' | 'endpointId' | 'orderKey' | 'occurredAt' | 'offset' | 'nextAttemptAt'
>;

export interface DueDelivery {
  tenantId: string;
  deliveryId: string;
}

/**
 * Redis's index of the pending deliveries, for the two questions every attempt asks: which
 * deliveries are due (one sorted set across tenants, by due time), and which delivery of a
 * conversation to an endpoint goes first (one sorted set per endpoint and conversation: its
 * line, in event order). The database keeps each delivery and stays the truth; it answers these
 * two only by scanning, hundreds of milliseconds each once deliveries pile up. Written after
 * the database: a crash in between leaves a delivery out, which the reconciliation puts back.
 */
@Injectable()
export class PendingDeliveryIndex {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /**
   * Adds pending deliveries to their lines and the due set, leaving any already there as they
   * are (the reconciliation puts back what a crash left out, without moving what is known).
   */
  async add(deliveries: IndexedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const delivery of deliveries) {
      pipeline.zadd(lineKey(delivery), 'NX', delivery.occurredAt.getTime(), lineMember(delivery));
      const dueAt = (delivery.nextAttemptAt ?? new Date()).getTime();
      pipeline.zadd(redisKeys.dueDeliveries, 'NX', dueAt, dueMember(delivery));
    }
    await execPipeline(pipeline);
  }

  /** Deliveries due by `now`, soonest first. */
  async due(now: Date, limit: number): Promise<DueDelivery[]> {
    const members = await this.redis.zrangebyscore(
      redisKeys.dueDeliveries,
      '-inf',
      now.getTime(),
      'LIMIT',
      0,
      limit,
    );
    return members.map(parseDueMember);
  }

  async reschedule(delivery: IndexedDelivery, at: Date): Promise<void> {
    await this.redis.zadd(redisKeys.dueDeliveries, at.getTime(), dueMember(delivery));
  }

  /** The first delivery of the line, as `lineMember` names it; null when the line is empty. */
  async headOf(delivery: IndexedDelivery): Promise<string | null> {
    const [head] = await this.redis.zrange(lineKey(delivery), 0, 0);
    return head ?? null;
  }

  /** Takes a line's member out (one found stale at the head of the line). */
  async dropFromLine(delivery: IndexedDelivery, member: string): Promise<void> {
    await this.redis.zrem(lineKey(delivery), member);
  }

  /** Takes a delivery that no longer exists out of the due set. */
  async undue(delivery: Pick<WebhookDelivery, '_id' | 'tenantId'>): Promise<void> {
    await this.redis.zrem(redisKeys.dueDeliveries, dueMember(delivery));
  }

  /** A delivery is done with (delivered, failed or deleted): out of its line and the due set. */
  async remove(deliveries: IndexedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const delivery of deliveries) {
      pipeline.zrem(lineKey(delivery), lineMember(delivery));
      pipeline.zrem(redisKeys.dueDeliveries, dueMember(delivery));
    }
    await execPipeline(pipeline);
  }
}

/**
 * A line's member: equal event times are ordered by the member, so the zero-padded Kafka
 * offset first keeps two events that occurred together in offset order.
 */
export const lineMember = (delivery: Pick<WebhookDelivery, '_id' | 'offset'>): string =>
  `${String(delivery.offset).padStart(20, '0')}|${delivery._id}`;

export const deliveryIdOfLineMember = (member: string): string =>
  member.slice(member.indexOf('|') + 1);

const lineKey = (delivery: Pick<WebhookDelivery, 'endpointId' | 'orderKey'>): string =>
  redisKeys.deliveryLine(delivery.endpointId, delivery.orderKey);

const dueMember = (delivery: Pick<WebhookDelivery, '_id' | 'tenantId'>): string =>
  `${delivery.tenantId}|${delivery._id}`;

function parseDueMember(member: string): DueDelivery {
  const separator = member.indexOf('|');
  return { tenantId: member.slice(0, separator), deliveryId: member.slice(separator + 1) };
}
