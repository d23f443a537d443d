import { GroupInserter } from '@app/auth';
import { insertFirst } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { OutboxEvent } from './outbox-event.schema';
import { OutboxLease } from './outbox-lease.schema';

export interface PendingEvent {
  id: Types.ObjectId;
  eventId: string;
  topic: string;
  key: string;
  value: string;
}

const BACKLOG_COUNT_LIMIT = 1000;

/** How long a relay holds the outbox; a crashed relay's turn simply runs out. */
export const LEASE_WINDOW_MS = 10_000;

/** The lease window a moment falls in. */
export const leaseWindow = (now: number): number => Math.floor(now / LEASE_WINDOW_MS);

/**
 * Outbox storage. Only one relay of a service sends at a time (a lease per time window), so
 * reading needs no claim: the oldest events are the first rows, and a read with no filter and
 * no sort is the one FerretDB v1 limits in SQL; sent events are deleted by `_id`, which
 * FerretDB serves from an index (with `infra/ferretdb/patches/`). Both stay cheap however long
 * the outbox grows.
 */
@Injectable()
export class OutboxRepository {
  private readonly inserter: GroupInserter;

  constructor(
    @InjectModel(OutboxEvent.name) private readonly events: Model<OutboxEvent>,
    @InjectModel(OutboxLease.name) private readonly leases: Model<OutboxLease>,
  ) {
    this.inserter = new GroupInserter(events as unknown as Model<never>, { tenantScoped: false });
  }

  /** Resolves once the event is stored; events added together are written together. */
  async add(event: { eventId: string; topic: string; key: string; value: string }): Promise<void> {
    const now = new Date();
    // A duplicate event id was stored already: as good.
    await this.inserter.insert({
      _id: new Types.ObjectId(),
      ...event,
      createdAt: now,
    });
  }

  /** True when this relay sends during the window (it took the window first). */
  async holdsLease(owner: string, window: number): Promise<boolean> {
    const id = `relay:${window}`;
    if (await insertFirst(this.leases, { _id: id, owner, at: new Date() })) {
      await this.leases.deleteOne({ _id: `relay:${window - 2}` });
      return true;
    }
    return (await this.leases.findById(id).lean())?.owner === owner;
  }

  /**
   * The oldest pending events, in the order they were stored (storage order: an `_id` sort
   * would be a scan on FerretDB, and replicas' ObjectIds need not follow commit order anyway).
   */
  async oldest(limit: number): Promise<PendingEvent[]> {
    const rows = await this.events.find({}).limit(limit).lean();
    return rows.map((row) => ({
      id: row._id,
      eventId: row.eventId,
      topic: row.topic,
      key: row.key,
      value: row.value,
    }));
  }

  /** Deletes sent events, in one write (by `_id`: an index lookup, on FerretDB too). */
  async remove(ids: Types.ObjectId[]): Promise<void> {
    if (ids.length === 0) return;
    await this.events.deleteMany({ _id: { $in: ids } });
  }

  /**
   * How many events wait, counted up to BACKLOG_COUNT_LIMIT (counting a whole collection is a
   * scan on FerretDB, and a health check must answer fast), and since when.
   */
  async backlog(): Promise<{ pending: number; more: boolean; oldest?: Date }> {
    const [waiting, oldest] = await Promise.all([
      this.events
        .find({}, { _id: 1 })
        .limit(BACKLOG_COUNT_LIMIT + 1)
        .lean(),
      this.events.findOne({}, { createdAt: 1 }).lean(),
    ]);
    return {
      pending: Math.min(waiting.length, BACKLOG_COUNT_LIMIT),
      more: waiting.length > BACKLOG_COUNT_LIMIT,
      oldest: oldest?.createdAt,
    };
  }
}
