import {
  type WebhookDeliveriesPage,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
} from '@app/contracts';
import { isDuplicateKey, newestFirstPage } from '@app/database';
import { asSystem } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import {
  deliveryIdOfLineMember,
  type DueDelivery,
  type IndexedDelivery,
  PendingDeliveryIndex,
} from './pending-delivery-index';
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

/** How many stale heads one look at a line drops before it gives up (the sweep comes back). */
const STALE_HEADS_PER_LOOK = 20;
/** Deliveries done with: the retention deletes these once old enough. */
const SETTLED_STATUSES: WebhookDeliveryStatus[] = ['delivered', 'failed'];

/** What the index needs of a delivery, read where only that is needed. */
const INDEXED_FIELDS = {
  _id: 1,
  tenantId: 1,
  endpointId: 1,
  orderKey: 1,
  occurredAt: 1,
  offset: 1,
  nextAttemptAt: 1,
} as const;

/**
 * Deliveries of the tenant in context (except `overdue`, the reconciliation's, across tenants),
 * with every write to a pending delivery mirrored in Redis's index of them (PendingDeliveryIndex),
 * which answers what is due and what goes first: here, so no caller can forget it.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
    private readonly index: PendingDeliveryIndex,
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
      const created = (await this.deliveries.insertMany(documents)).map((document) =>
        document.toObject(),
      );
      await this.index.add(created);
      return created;
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
    await this.index.add(stored);
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
    const { items, nextCursor } = await newestFirstPage(this.deliveries, filter, query);
    return { deliveries: items.map(toDeliveryView), nextCursor };
  }

  /**
   * The delivery, if it is pending and due, for the replica holding its claim (its Redis lock
   * decides who may attempt it): its due time in the index moves `leaseMs` ahead, so sweeps leave
   * it alone until then, or take it over if its attempt died. Null when it is not due. `known`:
   * the delivery as it was just stored, not read back.
   */
  async claim(
    tenantId: string,
    id: string,
    now: Date,
    leaseMs: number,
    known?: WebhookDelivery,
  ): Promise<WebhookDelivery | null> {
    const found = known ?? (await this.deliveries.findOne({ _id: id }).lean().exec());
    // Done with already, or deleted: the index still had it, from a crash between writes.
    if (!found) {
      await this.index.undue({ _id: id, tenantId });
      return null;
    }
    if (found.status !== 'pending') {
      await this.index.remove([found]);
      return null;
    }
    if (found.nextAttemptAt && found.nextAttemptAt > now) {
      await this.index.reschedule(found, found.nextAttemptAt);
      return null;
    }
    await this.index.reschedule(found, new Date(now.getTime() + leaseMs));
    return { ...found, blocked: false };
  }

  /** Whether an earlier delivery of the same conversation to the same endpoint is pending. */
  async hasEarlierPending(delivery: WebhookDelivery): Promise<boolean> {
    const first = await this.firstPendingOfLine(delivery);
    return first !== null && first._id !== delivery._id;
  }

  /** Marks a claimed delivery as waiting behind an earlier one (see `unblockNext`). */
  async block(delivery: WebhookDelivery, until: Date): Promise<void> {
    await this.deliveries.updateOne(unchangedSince(delivery), {
      $set: { blocked: true, nextAttemptAt: until },
    });
    await this.index.reschedule(delivery, until);
  }

  /** Takes back a claimed delivery's mark of waiting: its holder sends it now. */
  async unblock(delivery: WebhookDelivery): Promise<void> {
    await this.deliveries.updateOne(unchangedSince(delivery), { $set: { blocked: false } });
  }

  /**
   * Records an attempt, unless another one was recorded since the delivery was read (a replica
   * that took it over after this one's claim expired); false then.
   */
  async record(delivery: WebhookDelivery, outcome: AttemptOutcome, at: Date): Promise<boolean> {
    const result = await this.deliveries.updateOne(unchangedSince(delivery), {
      $set: { ...outcome, blocked: false, lastAttemptAt: at },
      $inc: { attempts: 1 },
    });
    if (result.modifiedCount !== 1) return false;
    if (outcome.status === 'pending' && outcome.nextAttemptAt)
      await this.index.reschedule(delivery, outcome.nextAttemptAt);
    else await this.index.remove([delivery]);
    return true;
  }

  /** Fails a pending delivery without an attempt (its endpoint is disabled). */
  async fail(delivery: WebhookDelivery, error: WebhookDelivery['error']): Promise<void> {
    await this.deliveries.updateOne(unchangedSince(delivery), {
      $set: { status: 'failed', error, nextAttemptAt: null },
    });
    await this.index.remove([delivery]);
  }

  /**
   * The earliest pending delivery of the finished one's conversation to its endpoint, made due
   * now if it waited behind it; null when there is none or it was not waiting.
   */
  async unblockNext(finished: WebhookDelivery, now: Date): Promise<WebhookDelivery | null> {
    const next = await this.firstPendingOfLine(finished);
    if (!next?.blocked) return null;
    const result = await this.deliveries.updateOne(
      { _id: next._id, blocked: true },
      { $set: { blocked: false, nextAttemptAt: now } },
    );
    if (result.modifiedCount !== 1) return null;
    await this.index.reschedule(next, now);
    return next;
  }

  /** Sends a delivery again, as if new: due now, retried for another window. */
  async replay(endpointId: string, id: string, now: Date, retryUntil: Date): Promise<void> {
    await this.requeue(endpointId, [id], now, retryUntil);
  }

  async replayFailed(endpointId: string, now: Date, retryUntil: Date): Promise<number> {
    const failed = await this.deliveries
      .find({ endpointId, status: 'failed' }, { _id: 1 })
      .lean()
      .exec();
    return this.requeue(
      endpointId,
      failed.map((delivery) => delivery._id),
      now,
      retryUntil,
    );
  }

  async deleteOfEndpoint(endpointId: string): Promise<void> {
    const pending = await this.deliveries
      .find({ endpointId, status: 'pending' }, INDEXED_FIELDS)
      .lean()
      .exec();
    await this.deliveries.deleteMany({ endpointId });
    await this.index.remove(pending);
  }

  /** Pending deliveries of every tenant whose attempt is due, soonest first (from the index). */
  due(now: Date, limit: number): Promise<DueDelivery[]> {
    return this.index.due(now, limit);
  }

  /**
   * Pending deliveries of every tenant due since before `before`: those the index lost, or a
   * backlog it holds already (adding those again changes nothing).
   */
  overdue(before: Date, limit: number): Promise<IndexedDelivery[]> {
    return asSystem('the reconciliation of the delivery index serves every tenant', () =>
      this.deliveries
        .find({ status: 'pending', nextAttemptAt: { $lte: before } }, INDEXED_FIELDS)
        .limit(limit)
        .lean()
        .exec(),
    );
  }

  /** Deletes, across tenants, the settled deliveries created before `before`; how many. */
  async purgeSettled(before: Date): Promise<number> {
    const { deletedCount } = await asSystem('the delivery log retention serves every tenant', () =>
      this.deliveries
        .deleteMany({ status: { $in: SETTLED_STATUSES }, createdAt: { $lt: before } })
        .exec(),
    );
    return deletedCount;
  }

  /** Puts deliveries that the index lost back into it. */
  restoreToIndex(deliveries: IndexedDelivery[]): Promise<void> {
    return this.index.add(deliveries);
  }

  /**
   * The line's first delivery still pending, read by id: a head the index kept after its
   * delivery was done with (a crash between writes) is dropped on the way.
   */
  private async firstPendingOfLine(of: WebhookDelivery): Promise<WebhookDelivery | null> {
    for (let look = 0; look < STALE_HEADS_PER_LOOK; look++) {
      const head = await this.index.headOf(of);
      if (!head) return null;
      const id = deliveryIdOfLineMember(head);
      if (id === of._id) return of;
      const found = await this.deliveries.findOne({ _id: id }).lean().exec();
      if (found?.status === 'pending') return found;
      await this.index.dropFromLine(of, head);
    }
    return null;
  }

  /** Pending again, due now and retried for another window; the number requeued. */
  private async requeue(
    endpointId: string,
    ids: string[],
    now: Date,
    retryUntil: Date,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.deliveries.updateMany(
      { _id: { $in: ids }, endpointId, status: { $ne: 'pending' } },
      {
        $set: {
          status: 'pending',
          nextAttemptAt: now,
          retryUntil,
          blocked: false,
          error: null,
        },
      },
    );
    const requeued = await this.deliveries
      .find({ _id: { $in: ids }, endpointId, status: 'pending' }, INDEXED_FIELDS)
      .lean()
      .exec();
    await this.index.add(requeued);
    return result.modifiedCount;
  }
}

/** The delivery as it was read: still pending, with no attempt recorded since. */
function unchangedSince(delivery: WebhookDelivery): FilterQuery<WebhookDelivery> {
  return { _id: delivery._id, status: 'pending', attempts: delivery.attempts };
}
