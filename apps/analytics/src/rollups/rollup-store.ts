import { isDuplicateKey } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { DayRollup, dayRollupId } from './day-rollup.schema';

/** A counter to add one to, by its path in the day's document, and the message it comes from. */
export interface CounterStep {
  path: string;
  offset: number;
}

/**
 * Adds to a tenant's day counters, by `_id` only (FerretDB uses an index for nothing else).
 * The tenant comes from the event being applied, never from a request.
 */
@Injectable()
export class RollupStore {
  constructor(@InjectModel(DayRollup.name) private readonly days: Model<DayRollup>) {}

  /**
   * Adds one to each step's counter, unless the day already counted that step's message: the
   * day keeps the last offset it counted from each partition (`source` names the topic), and a
   * partition is read in order, so a step at or below it was counted before. The check and the
   * additions are one atomic update.
   */
  async addToCounters(
    tenantId: string,
    day: string,
    source: { topic: string; partition: number },
    steps: CounterStep[],
  ): Promise<void> {
    const _id = dayRollupId(tenantId, day) as never;
    const offsetPath = `offsets.${source.topic}.${source.partition}`;
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
      const existing = await this.days.collection.findOne({ _id }, { projection: { offsets: 1 } });
      if (!existing) {
        await this.create(tenantId, day);
        continue;
      }
      const counted = existing.offsets?.[source.topic]?.[source.partition] ?? -1;
      pending = pending.filter((step) => step.offset > counted);
    }
  }

  private async create(tenantId: string, day: string): Promise<void> {
    try {
      await this.days.collection.insertOne({
        _id: dayRollupId(tenantId, day) as never,
        tenantId,
        day,
      });
    } catch (error) {
      // Another consumer created the day at the same moment.
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
