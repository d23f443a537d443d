import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Counters by chatbot (field names are ids, see field-names.ts). */
type ByChatbot<T> = Record<string, T>;
type Counts = Record<string, number>;

/**
 * One tenant's day (UTC), as counters only, so it stays a few kilobytes however busy the day:
 *
 * - `created.<bot>.<hour>`, `closed.<bot>.<hour>.<reason>`, `messages.<bot>.<hour>.<sender>`
 *   (sender `visitor`, `system` or `agent:<id>`): by hour, for series and hour-of-day figures;
 * - `categories.<bot>.<category>`, `assigned.<bot>.<agent>`, `resolved.<bot>.<agent>`: by day;
 * - `firstResponse.<bot>.<agent>.<bucket>`, `resolution.<bot>.<bucket>`: duration histograms
 *   (see durations.ts), by day.
 *
 * Every event adds one to some counters, once: `offsets.<topic>.<partition>` is the last Kafka
 * offset the day counted from that partition, and an update applies only events after it.
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
  created?: ByChatbot<Counts>;

  @Prop({ type: Object })
  closed?: ByChatbot<Record<string, Counts>>;

  @Prop({ type: Object })
  messages?: ByChatbot<Record<string, Counts>>;

  @Prop({ type: Object })
  categories?: ByChatbot<Counts>;

  @Prop({ type: Object })
  assigned?: ByChatbot<Counts>;

  @Prop({ type: Object })
  resolved?: ByChatbot<Counts>;

  @Prop({ type: Object })
  firstResponse?: ByChatbot<Record<string, Counts>>;

  @Prop({ type: Object })
  resolution?: ByChatbot<Counts>;

  @Prop({ type: Object })
  offsets?: Record<string, Record<string, number>>;
}

export const DayRollupSchema = SchemaFactory.createForClass(DayRollup);

export const dayRollupId = (tenantId: string, day: string): string => `${tenantId}:${day}`;
