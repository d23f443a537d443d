import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** What one topic partition has counted into a day, up to which offset. */
export interface CountedPart {
  /** The last Kafka offset of the partition counted here. */
  offset: number;
  /** Counter name → count (names in counter-names.ts). */
  counts: Record<string, number>;
}

/**
 * One tenant's day (UTC), as counters, so it stays small however busy the day. Each topic
 * partition keeps its own counters under `parts.<topic>.<partition>`: a partition is read in
 * order by one consumer at a time, so it is the only writer of its part, and its part says up
 * to which offset it has counted, so a replayed batch adds nothing. A day's figure is the sum
 * over the parts.
 */
@Schema({ collection: 'day_rollups', versionKey: false, minimize: false })
export class DayRollup {
  /** `<tenantId>:<YYYY-MM-DD>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  tenantId!: string;

  @Prop({ type: String, required: true })
  day!: string;

  @Prop({ type: Object })
  parts?: Record<string, Record<string, CountedPart>>;
}

export const DayRollupSchema = SchemaFactory.createForClass(DayRollup);

export const dayRollupId = (tenantId: string, day: string): string => `${tenantId}:${day}`;
