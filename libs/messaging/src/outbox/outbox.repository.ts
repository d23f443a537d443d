import { GroupInserter } from '@app/auth';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { OutboxEvent } from './outbox-event.schema';

export interface PendingEvent {
  id: Types.ObjectId;
  eventId: string;
  topic: string;
  key: string;
  value: string;
}

/**
 * Outbox storage. Claims use a lease instead of a transaction (FerretDB has none): a relay
 * stamps free rows with its id and an expiry, then reads back only the rows it stamped.
 */
@Injectable()
export class OutboxRepository {
  private readonly inserter: GroupInserter;

  constructor(@InjectModel(OutboxEvent.name) private readonly events: Model<OutboxEvent>) {
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
      leaseUntil: now,
      attempts: 0,
    });
  }

  async claim(owner: string, limit: number, leaseMs: number): Promise<PendingEvent[]> {
    const now = new Date();
    const free = await this.events
      .find({ leaseUntil: { $lte: now } }, { _id: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean();
    if (free.length === 0) return [];
    const leaseUntil = new Date(now.getTime() + leaseMs);
    await this.events.updateMany(
      { _id: { $in: free.map((row) => row._id) }, leaseUntil: { $lte: now } },
      { $set: { leaseOwner: owner, leaseUntil } },
    );
    const mine = await this.events
      .find({ _id: { $in: free.map((row) => row._id) }, leaseOwner: owner, leaseUntil })
      .sort({ _id: 1 })
      .lean();
    return mine.map((row) => ({
      id: row._id,
      eventId: row.eventId,
      topic: row.topic,
      key: row.key,
      value: row.value,
    }));
  }

  async remove(ids: Types.ObjectId[]): Promise<void> {
    await this.events.deleteMany({ _id: { $in: ids } });
  }

  async release(ids: Types.ObjectId[], error: string, retryAt: Date): Promise<void> {
    await this.events.updateMany(
      { _id: { $in: ids } },
      { $set: { leaseUntil: retryAt, lastError: error.slice(0, 500) }, $inc: { attempts: 1 } },
    );
  }

  async backlog(): Promise<{ pending: number; oldest?: Date }> {
    const [pending, oldest] = await Promise.all([
      this.events.countDocuments({}),
      this.events.findOne({}, { createdAt: 1 }).sort({ _id: 1 }).lean(),
    ]);
    return { pending, oldest: oldest?.createdAt };
  }
}
