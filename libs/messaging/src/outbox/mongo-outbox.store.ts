import { GroupCommit, type GroupOutcome, insertFirst } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { OutboxLease } from './outbox-lease.schema';
import { OutboxRow } from './outbox-row.schema';
import {
  BACKLOG_COUNT_LIMIT,
  type OutboxBacklog,
  type OutboxedEvent,
  OutboxStore,
  type PendingEvents,
  type SettledEntry,
} from './outbox-store';

/** The most events one row holds, so that one row always fits in one send to Kafka. */
const MAX_EVENTS_PER_ROW = 200;

/**
 * Under load, a row is written at most this often per process: a row per event (written, read
 * and deleted) kept the service's own writes waiting (see docs/benchmarks-history.md). Publishing after a
 * quiet spell still writes at once.
 */
const ROW_LINGER_MS = 20;

/** Rows read at a time; a read takes as many of them as fit in the events asked for. */
const ROWS_PER_READ = 50;

/** The backlog is counted in at most this many rows. */
const BACKLOG_ROWS_LIMIT = 100;

/**
 * The outbox in the service's own database: events published together are stored together,
 * one row per group commit. The oldest events are the first rows, and a read with no filter and
 * no sort is the one FerretDB v1 limits in SQL; sent rows are deleted by `_id`, which FerretDB
 * serves from an index (with `infra/ferretdb/patches/`). Both stay cheap however long the
 * outbox grows.
 */
@Injectable()
export class MongoOutboxStore extends OutboxStore {
  private readonly groups: GroupCommit<OutboxedEvent, void>;

  constructor(
    @InjectModel(OutboxRow.name) private readonly rows: Model<OutboxRow>,
    @InjectModel(OutboxLease.name) private readonly leases: Model<OutboxLease>,
  ) {
    super();
    this.groups = new GroupCommit((events) => this.store(events), {
      maxGroup: MAX_EVENTS_PER_ROW,
      lingerMs: ROW_LINGER_MS,
    });
  }

  add(event: OutboxedEvent, settles?: SettledEntry): Promise<void> {
    if (settles) throw new Error('only the Redis outbox settles a Redis entry with an event');
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

  async holdsLease(owner: string, window: number): Promise<boolean> {
    const id = `relay:${window}`;
    if (await insertFirst(this.leases, { _id: id, owner, at: new Date() })) {
      await this.leases.deleteOne({ _id: `relay:${window - 2}` });
      return true;
    }
    return (await this.leases.findById(id).lean())?.owner === owner;
  }

  /**
   * The oldest rows whose events fit in `max` (the first row always does), in the order they
   * were stored: an `_id` sort would be a scan on FerretDB, and replicas' ObjectIds need not
   * follow commit order anyway.
   */
  async pending(max: number): Promise<PendingEvents> {
    const read = await this.rows.find({}).limit(ROWS_PER_READ).lean();
    const taken: OutboxRow[] = [];
    let events = 0;
    for (const row of read) {
      events += row.events.length;
      if (taken.length > 0 && events > max) break;
      taken.push(row);
    }
    return {
      ids: taken.map((row) => row._id.toHexString()),
      events: taken.flatMap((row) => row.events),
      more: taken.length < read.length || read.length === ROWS_PER_READ,
    };
  }

  /** Deletes sent rows, in one write (by `_id`: an index lookup, on FerretDB too). */
  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.rows.deleteMany({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } });
  }

  /**
   * Counted in the oldest BACKLOG_ROWS_LIMIT rows: counting a whole collection is a scan on
   * FerretDB, and a health check must answer fast.
   */
  async backlog(): Promise<OutboxBacklog> {
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
