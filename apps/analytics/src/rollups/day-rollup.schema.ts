import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** What one topic partition has counted into a day, up to which offset. */
export interface CountedPart {
  /** The last Kafka offset of the partition counted here. */
  offset: number;
  /**
   * Counter name → count (names in counter-names.ts), as JSON text. FerretDB v1 stores a
   * document with a type for every field and decodes and encodes all of them on each read
   * and write: a busy day's thousands of counters as fields cost tens of milliseconds per
   * update, as one string microseconds. Nothing queries a single counter, so nothing is lost.
   */
  counts: string;
}

export function countsOf(part: CountedPart | undefined): Record<string, number> {
  return part ? (JSON.parse(part.counts) as Record<string, number>) : {};
}

/**
 * One tenant's day (UTC), as counters, so it stays small however busy the day. Each partition
 * of each source topic keeps its own counters under `parts.<source>.<partition>`: a partition
 * is read in order by one consumer at a time, so it is the only writer of its part, and its
 * part says up to which offset it has counted, so a replayed batch adds nothing. A day's
 * figure is the sum over the parts.
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
  parts?: Partial<Record<RollupSource, Record<string, CountedPart>>>;

  /** Raised by every write: a summary of the day (day-summary.schema.ts) says which it saw. */
  @Prop({ type: Number })
  version?: number;
}

export const DayRollupSchema = SchemaFactory.createForClass(DayRollup);

/** The events a day's counters come from. */
export const ROLLUP_SOURCES = [
  'created',
  'assigned',
  'closed',
  'messages',
  'slaBreached',
  'labelled',
  'csatRated',
] as const;
export type RollupSource = (typeof ROLLUP_SOURCES)[number];

export const dayRollupId = (tenantId: string, day: string): string => `${tenantId}:${day}`;
