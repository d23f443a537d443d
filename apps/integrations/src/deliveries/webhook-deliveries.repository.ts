import {
  type WebhookDeliveriesPage,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
} from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { asSystem } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { WebhookDelivery } from './webhook-delivery.schema';

export type NewDelivery = Pick<
  WebhookDelivery,
  'endpointId' | 'webhookId' | 'type' | 'orderKey' | 'occurredAt' | 'offset' | 'body' | 'retryUntil'
>;

/** What an attempt got, recorded by the holder of the claim. */
export type AttemptOutcome = Pick<
  WebhookDelivery,
  | 'status'
  | 'nextAttemptAt'
  | 'responseStatus'
  | 'responseExcerpt'
  | 'error'
  | 'durationMs'
  | 'latencyMs'
  | 'deliveredAt'
>;

export const toDeliveryView = (delivery: WebhookDelivery): WebhookDeliveryView => ({
  id: delivery._id,
  webhookId: delivery.webhookId,
  type: delivery.type,
  status: delivery.status,
  attempts: delivery.attempts,
  responseStatus: delivery.responseStatus,
  responseExcerpt: delivery.responseExcerpt,
  error: delivery.error,
  durationMs: delivery.durationMs,
  latencyMs: delivery.latencyMs,
  nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
  lastAttemptAt: delivery.lastAttemptAt,
  deliveredAt: delivery.deliveredAt,
  createdAt: delivery.createdAt,
});

/** Deliveries of the tenant in context, except `due` (the sweep's, across tenants). */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
  ) {}

  /**
   * Stores new deliveries, due now; answers those stored by this call. One already stored (an
   * event Kafka handed over again) is left as it is.
   */
  async createDue(items: NewDelivery[], now: Date): Promise<WebhookDelivery[]> {
    if (items.length === 0) return [];
    const documents = items.map((item) => ({
      _id: randomUUID(),
      ...item,
      status: 'pending' as const,
      nextAttemptAt: now,
    }));
    try {
      const created = await this.deliveries.insertMany(documents);
      return created.map((document) => document.toObject());
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const stored: WebhookDelivery[] = [];
    for (const document of documents) {
      const already = await this.deliveries.exists({
        endpointId: document.endpointId,
        webhookId: document.webhookId,
      });
      if (already) continue;
      try {
        stored.push((await this.deliveries.create(document)).toObject());
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return stored;
  }

  findById(endpointId: string, id: string): Promise<WebhookDelivery | null> {
    return this.deliveries.findOne({ _id: id, endpointId }).lean().exec();
  }

  /** The endpoint's log, newest first, `limit` at a time. */
  async page(
    endpointId: string,
    query: { status?: WebhookDeliveryStatus; limit: number; cursor?: string },
  ): Promise<WebhookDeliveriesPage> {
    const filter: FilterQuery<WebhookDelivery> = { endpointId };
    if (query.status) filter.status = query.status;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    if (after)
      filter.$or = [
        { createdAt: { $lt: after.createdAt } },
        { createdAt: after.createdAt, _id: { $lt: after.id } },
      ];
    const found = await this.deliveries
      .find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean()
      .exec();
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return {
      deliveries: page.map(toDeliveryView),
      nextCursor: found.length > query.limit && last ? encodeCursor(last) : null,
    };
  }

  /**
   * Marks a due delivery as attempted under `claim` (see DeliveryClaims, which decides who may):
   * pushes its due time `leaseMs` ahead, so sweeps leave it alone until then, or take it over
   * if its attempt died. Null when it is not due.
   */
  async claim(
    id: string,
    claim: string,
    now: Date,
    leaseMs: number,
  ): Promise<WebhookDelivery | null> {
    const due = await this.deliveries
      .findOne({ _id: id, status: 'pending', nextAttemptAt: { $lte: now } })
      .lean()
      .exec();
    if (!due) return null;
    const held = { claim, blocked: false, nextAttemptAt: new Date(now.getTime() + leaseMs) };
    await this.deliveries.updateOne({ _id: id }, { $set: held });
    return { ...due, ...held };
  }

  /** Whether an earlier delivery of the same conversation to the same endpoint is pending. */
  async hasEarlierPending(delivery: WebhookDelivery): Promise<boolean> {
    const earlier = await this.deliveries.exists({
      endpointId: delivery.endpointId,
      orderKey: delivery.orderKey,
      status: 'pending',
      _id: { $ne: delivery._id },
      $or: [
        { occurredAt: { $lt: delivery.occurredAt } },
        { occurredAt: delivery.occurredAt, offset: { $lt: delivery.offset } },
      ],
    });
    return earlier !== null;
  }

  /** Marks a claimed delivery as waiting behind an earlier one (see `unblockNext`). */
  async block(delivery: WebhookDelivery, until: Date): Promise<void> {
    await this.deliveries.updateOne(
      { _id: delivery._id, claim: delivery.claim },
      { $set: { blocked: true, nextAttemptAt: until } },
    );
  }

  /** Takes back a claimed delivery's mark of waiting: its holder sends it now. */
  async unblock(delivery: WebhookDelivery): Promise<void> {
    await this.deliveries.updateOne(
      { _id: delivery._id, claim: delivery.claim },
      { $set: { blocked: false } },
    );
  }

  /** Records an attempt, if the claim is still this one's; false when it was taken over. */
  async record(delivery: WebhookDelivery, outcome: AttemptOutcome, at: Date): Promise<boolean> {
    const result = await this.deliveries.updateOne(
      { _id: delivery._id, claim: delivery.claim },
      { $set: { ...outcome, claim: null, lastAttemptAt: at }, $inc: { attempts: 1 } },
    );
    return result.modifiedCount === 1;
  }

  /** Fails a pending delivery without an attempt (its endpoint is disabled). */
  async fail(delivery: WebhookDelivery, error: WebhookDelivery['error']): Promise<void> {
    await this.deliveries.updateOne(
      { _id: delivery._id, claim: delivery.claim },
      { $set: { status: 'failed', error, claim: null, nextAttemptAt: null } },
    );
  }

  /**
   * The earliest pending delivery of a conversation to an endpoint, made due now if it waited
   * behind the one that just finished; null when there is none or it was not waiting.
   */
  async unblockNext(
    endpointId: string,
    orderKey: string,
    now: Date,
  ): Promise<WebhookDelivery | null> {
    const [next] = await this.deliveries
      .find({ endpointId, orderKey, status: 'pending' })
      .sort({ occurredAt: 1, offset: 1 })
      .limit(1)
      .lean()
      .exec();
    if (!next?.blocked) return null;
    const result = await this.deliveries.updateOne(
      { _id: next._id, blocked: true },
      { $set: { blocked: false, nextAttemptAt: now } },
    );
    return result.modifiedCount === 1 ? next : null;
  }

  /** Sends a delivery again, as if new: due now, retried for another window. */
  replay(endpointId: string, id: string, now: Date, retryUntil: Date) {
    return this.requeue({ _id: id, endpointId, status: { $ne: 'pending' } }, now, retryUntil);
  }

  replayFailed(endpointId: string, now: Date, retryUntil: Date): Promise<number> {
    return this.requeue({ endpointId, status: 'failed' }, now, retryUntil);
  }

  async deleteOfEndpoint(endpointId: string): Promise<void> {
    await this.deliveries.deleteMany({ endpointId });
  }

  /** Pending deliveries of every tenant whose attempt is due, soonest first. */
  due(now: Date, limit: number): Promise<Array<Pick<WebhookDelivery, '_id' | 'tenantId'>>> {
    return asSystem('the delivery sweep serves every tenant', () =>
      this.deliveries
        .find({ status: 'pending', nextAttemptAt: { $lte: now } }, { _id: 1, tenantId: 1 })
        .sort({ nextAttemptAt: 1 })
        .limit(limit)
        .lean()
        .exec(),
    );
  }

  private async requeue(
    filter: FilterQuery<WebhookDelivery>,
    now: Date,
    retryUntil: Date,
  ): Promise<number> {
    const result = await this.deliveries.updateMany(filter, {
      $set: {
        status: 'pending',
        nextAttemptAt: now,
        retryUntil,
        blocked: false,
        claim: null,
        error: null,
      },
    });
    return result.modifiedCount;
  }
}

function encodeCursor(delivery: WebhookDelivery): string {
  return Buffer.from(`${delivery.createdAt.toISOString()}|${delivery._id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at);
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}
