import { isDuplicateKey } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { DayRollup, dayRollupId } from './day-rollup.schema';

/** A counter to add to, by its path in the day's document, and the message it comes from. */
export interface CounterStep {
  path: string;
  offset: number;
}

/**
 * Writes to the rollups, by `_id` only (FerretDB uses an index for nothing else). Every write is
 * safe to repeat: entries are set, and counters carry the last Kafka offset they include. The
 * tenant comes from the event being applied, never from a request.
 */
@Injectable()
export class RollupStore {
  constructor(@InjectModel(DayRollup.name) private readonly days: Model<DayRollup>) {}

  /** Sets entries of a tenant's day (`created.<roomId>` and the like). */
  async setEntries(tenantId: string, day: string, entries: Record<string, unknown>): Promise<void> {
    await this.upsert(() =>
      this.days.collection.updateOne(
        { _id: dayRollupId(tenantId, day) as never },
        { $set: entries, $setOnInsert: { tenantId, day } },
        { upsert: true },
      ),
    );
  }

  /**
   * Adds one to each step's counter, unless the day already counted that step's message: the
   * day keeps the last offset it counted from each partition, and a partition is read in order
   * by one consumer at a time, so a step at or below it was counted before.
   */
  async addToCounters(
    tenantId: string,
    day: string,
    partition: number,
    steps: CounterStep[],
  ): Promise<void> {
    const _id = dayRollupId(tenantId, day) as never;
    const offsetPath = `messageOffsets.${partition}`;
    let pending = steps;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const increments: Record<string, number> = {};
      for (const step of pending) increments[step.path] = (increments[step.path] ?? 0) + 1;
      const last = Math.max(...pending.map((step) => step.offset));
      const first = Math.min(...pending.map((step) => step.offset));
      const result = await this.days.collection.updateOne(
        { _id, [offsetPath]: { $not: { $gte: first } } },
        { $inc: increments, $set: { [offsetPath]: last } },
      );
      if (result.matchedCount === 1) return;
      if (attempt > 2) throw new Error(`counters of ${tenantId} ${day} did not take the batch`);
      const existing = await this.days.collection.findOne(
        { _id },
        { projection: { messageOffsets: 1 } },
      );
      if (!existing) {
        await this.setEntries(tenantId, day, {});
        continue;
      }
      const counted = existing.messageOffsets?.[partition] ?? -1;
      pending = pending.filter((step) => step.offset > counted);
    }
  }

  /** Two first writes of one document at once: the loser's upsert collides, and a retry updates. */
  private async upsert<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return write();
    }
  }
}
