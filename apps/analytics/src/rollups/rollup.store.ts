import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import {
  type CountedPart,
  countsOf,
  DayRollup,
  dayRollupId,
  type RollupSource,
} from './day-rollup.schema';
import { DaySummary, daySummaryId, SUMMARY_SECTIONS } from './day-summary.schema';
import { hasEnded } from './rollup-time';
import { type CounterStep, countSteps, type PartCounts } from './part-counting';

/** Parts kept in memory at most; beyond, the oldest are read again when next needed. */
const CACHED_PARTS = 5000;

/**
 * Adds to a tenant's day counters, by `_id` only (FerretDB uses an index for nothing else).
 * The tenant comes from the event being applied, never from a request.
 */
@Injectable()
export class RollupStore {
  /** The parts this process wrote last: being their only writer, it need not read them back. */
  private readonly parts = new Map<string, PartCounts>();

  constructor(
    @InjectModel(DayRollup.name) private readonly days: Model<DayRollup>,
    @InjectModel(DaySummary.name) private readonly summaries: Model<DaySummary>,
  ) {}

  /**
   * Adds one to each step's counter in the partition's part of the day, skipping steps at or
   * below the offset the part has counted to. The part is added to and written back whole, on
   * condition that its offset is unchanged: one update of one field however many counters
   * change (FerretDB copies the document for each `$inc` path). A day that has ended is
   * written late: its summaries learn that they are out of date.
   */
  async addToCounters(
    tenantId: string,
    day: string,
    source: { name: RollupSource; partition: number },
    steps: CounterStep[],
  ): Promise<void> {
    const _id = dayRollupId(tenantId, day);
    const path = `parts.${source.name}.${source.partition}`;
    const cacheKey = `${_id}|${path}`;
    const late = hasEnded(day, Date.now());
    let part = this.parts.get(cacheKey) ?? (await this.read(_id, tenantId, day, path));
    for (let attempt = 0; ; attempt++) {
      const written = countSteps(part, steps);
      if (!written) {
        // Counted already, by a try that may have failed before it told the summaries.
        if (late) await this.outdateSummaries(tenantId, day, await this.versionOf(_id));
        return;
      }
      const unchanged = part ? { [`${path}.offset`]: part.offset } : { [path]: { $exists: false } };
      const stored: CountedPart = {
        offset: written.offset,
        counts: JSON.stringify(written.counts),
      };
      const result = await this.days.collection.updateOne(
        { _id: _id as never, ...unchanged },
        { $set: { [path]: stored }, $inc: { version: 1 } },
      );
      if (result.matchedCount === 1) {
        this.remember(cacheKey, written);
        // The version read now is this write's or a later one's: either outdates what came before.
        if (late) await this.outdateSummaries(tenantId, day, await this.versionOf(_id));
        return;
      }
      // Written meanwhile: a consumer that lost the partition in a rebalance was still at it.
      this.parts.delete(cacheKey);
      if (attempt > 2) throw new Error(`${path} of ${_id} keeps changing`);
      part = await this.read(_id, tenantId, day, path);
    }
  }

  /**
   * The day's summaries must be made from `version` on. Made even where no summary exists yet:
   * one being made from an earlier version at this moment is then out of date when written.
   */
  private async outdateSummaries(tenantId: string, day: string, version: number): Promise<void> {
    await Promise.all(
      SUMMARY_SECTIONS.map((section) =>
        this.summaries.collection.updateOne(
          { _id: daySummaryId(tenantId, day, section) as never },
          { $max: { minVersion: version }, $setOnInsert: { tenantId, day } },
          { upsert: true },
        ),
      ),
    );
  }

  private async versionOf(_id: string): Promise<number> {
    const found = await this.days.collection.findOne(
      { _id: _id as never },
      { projection: { version: 1 } },
    );
    return (found?.version as number | undefined) ?? 0;
  }

  /** The partition's part as stored; the day's document is created if it is missing. */
  private async read(
    _id: string,
    tenantId: string,
    day: string,
    path: string,
  ): Promise<PartCounts | undefined> {
    const found = await this.days.collection.findOne(
      { _id: _id as never },
      { projection: { [path]: 1 } },
    );
    if (found) {
      const [, source, partition] = path.split('.');
      const part = (found.parts as DayRollup['parts'])?.[source as RollupSource]?.[partition];
      return part && { offset: part.offset, counts: countsOf(part) };
    }
    try {
      await this.days.collection.insertOne({ _id: _id as never, tenantId, day, parts: {} });
    } catch (error) {
      // Another partition's consumer created the day at the same moment.
      if (!isDuplicateKey(error)) throw error;
    }
    return undefined;
  }

  private remember(key: string, part: PartCounts): void {
    this.parts.delete(key);
    this.parts.set(key, part);
    if (this.parts.size > CACHED_PARTS) this.parts.delete(this.parts.keys().next().value!);
  }
}
