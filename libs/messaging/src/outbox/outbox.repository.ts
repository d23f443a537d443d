import { GroupCommit, type GroupOutcome, insertFirst } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { OutboxLease } from './outbox-lease.schema';
import { type OutboxedEvent, OutboxRow } from './outbox-row.schema';

/** Rows waiting for Kafka, oldest first. */
export interface PendingRow {
  id: Types.ObjectId;
  events: OutboxedEvent[];
}

/** The most events one row holds, so that one row always fits in one send to Kafka. */
const MAX_EVENTS_PER_ROW = 200;

/**
 * Under load, a row is written at most this often per process: chat publishes an event per
 * message, and a row per message (written, read and deleted) kept the messages' own writes
 * waiting (see BENCHMARKS.md). Publishing after a quiet spell still writes at once.
 */
const ROW_LINGER_MS = 20;

/** The backlog counts events up to this many, in at most BACKLOG_ROWS_LIMIT rows. */
const BACKLOG_COUNT_LIMIT = 1000;
const BACKLOG_ROWS_LIMIT = 100;

/** How long a relay holds the outbox; a crashed relay's turn simply runs out. */
export const LEASE_WINDOW_MS = 10_000;

/** The lease window a moment falls in. */
export const leaseWindow = (now: number): number => Math.floor(now / LEASE_WINDOW_MS);

/**
 * Outbox storage: events published together are stored together, one row per group commit.
 * Only one relay of a service sends at a time (a lease per time window), so reading needs no
 * claim: the oldest events are the first rows, and a read with no filter and no sort is the one
 * FerretDB v1 limits in SQL; sent rows are deleted by `_id`, which FerretDB serves from an index
 * (with `infra/ferretdb/patches/`). Both stay cheap however long the outbox grows.
 */
@Injectable()
export class OutboxRepository {
  private readonly groups: GroupCommit<OutboxedEvent, void>;

  constructor(
    @InjectModel(OutboxRow.name) private readonly rows: Model<OutboxRow>,
    @InjectModel(OutboxLease.name) private readonly leases: Model<OutboxLease>,
  ) {
    this.groups = new GroupCommit((events) => this.store(events), {
      maxGroup: MAX_EVENTS_PER_ROW,
      lingerMs: ROW_LINGER_MS,
    });
  }

  /** Resolves once the event is stored. */
  add(event: OutboxedEvent): Promise<void> {
    return this.groups.submit(event);
  }

  private async store(events: OutboxedEvent[]): Promise<GroupOutcome<void>[]> {
    await this.rows.collection.insertOne({
      _id: new Types.ObjectId(),
      events,
      count: events.length,
      createdAt: new Date(),
    });
    return events.map(() => ({ ok: true, value: undefined }));
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
   * The oldest pending rows, in the order they were stored (storage order: an `_id` sort would
   * be a scan on FerretDB, and replicas' ObjectIds need not follow commit order anyway).
   */
  async oldest(limit: number): Promise<PendingRow[]> {
    const rows = await this.rows.find({}).limit(limit).lean();
    return rows.map((row) => ({ id: row._id, events: row.events }));
  }

  /** Deletes sent rows, in one write (by `_id`: an index lookup, on FerretDB too). */
  async remove(ids: Types.ObjectId[]): Promise<void> {
    if (ids.length === 0) return;
    await this.rows.deleteMany({ _id: { $in: ids } });
  }

  /**
   * How many events wait, counted up to BACKLOG_COUNT_LIMIT in the oldest BACKLOG_ROWS_LIMIT
   * rows (counting a whole collection is a scan on FerretDB, and a health check must answer
   * fast), whether more wait, and since when.
   */
  async backlog(): Promise<{ pending: number; more: boolean; oldest?: Date }> {
    const [waiting, oldest] = await Promise.all([
      this.rows
        .find({}, { count: 1 })
        .limit(BACKLOG_ROWS_LIMIT + 1)
        .lean(),
      this.rows.findOne({}, { createdAt: 1 }).lean(),
    ]);
    const counted = waiting.slice(0, BACKLOG_ROWS_LIMIT).reduce((sum, row) => sum + row.count, 0);
    return {
      pending: Math.min(counted, BACKLOG_COUNT_LIMIT),
      more: counted > BACKLOG_COUNT_LIMIT || waiting.length > BACKLOG_ROWS_LIMIT,
      oldest: oldest?.createdAt,
    };
  }
}
