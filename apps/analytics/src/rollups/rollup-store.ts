import { isDuplicateKey } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { type CountedPart, DayRollup, dayRollupId } from './day-rollup.schema';
import { asFieldName } from './field-names';

/** A counter to add one to, and the message it comes from. */
export interface CounterStep {
  counter: string;
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
   * Adds one to each step's counter in the part of the day that belongs to `source`, skipping
   * steps at or below the offset the part has counted to. The part is read, added to, and
   * written back whole, on condition that nobody wrote it meanwhile: one update of one field
   * however many counters change, which FerretDB does far faster than one `$inc` per counter.
   */
  async addToCounters(
    tenantId: string,
    day: string,
    source: { topic: string; partition: number },
    steps: CounterStep[],
  ): Promise<void> {
    const _id = dayRollupId(tenantId, day) as never;
    const path = `parts.${asFieldName(source.topic)}.${source.partition}`;
    for (let attempt = 0; ; attempt++) {
      const found = await this.days.collection.findOne({ _id }, { projection: { [path]: 1 } });
      if (!found) {
        await this.create(tenantId, day);
        continue;
      }
      const part = found.parts?.[asFieldName(source.topic)]?.[source.partition] as
        CountedPart | undefined;
      const counted = part?.offset ?? -1;
      const fresh = steps.filter((step) => step.offset > counted);
      if (fresh.length === 0) return;
      const counts = { ...part?.counts };
      for (const step of fresh) counts[step.counter] = (counts[step.counter] ?? 0) + 1;
      const offset = Math.max(...fresh.map((step) => step.offset));
      const unchanged = part ? { [`${path}.offset`]: counted } : { [path]: { $exists: false } };
      const result = await this.days.collection.updateOne(
        { _id, ...unchanged },
        { $set: { [path]: { offset, counts } } },
      );
      if (result.matchedCount === 1) return;
      // Written meanwhile: a consumer that lost the partition in a rebalance was still at it.
      if (attempt > 2) throw new Error(`${path} of ${tenantId} ${day} keeps changing`);
    }
  }

  private async create(tenantId: string, day: string): Promise<void> {
    try {
      await this.days.collection.insertOne({
        _id: dayRollupId(tenantId, day) as never,
        tenantId,
        day,
        parts: {},
      });
    } catch (error) {
      // Another consumer created the day at the same moment.
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
