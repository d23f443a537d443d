import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What each query reads of a day: `daily` (overview, daily series: no agents, no hours but the
 * conversations created), `totals` (hourly series: no agents), `agents` (per agent, no hours),
 * `other` (SLA, labels, CSAT). FerretDB hands a document over by the kilobyte, so a query reads
 * the smallest section that holds its figures.
 */
export const SUMMARY_SECTIONS = ['daily', 'totals', 'agents', 'other'] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

/**
 * One section of a finished day's counters, summed over the day's parts and narrowed to what its
 * queries need: a 30-day range reads 30 of these (a few kilobytes each) rather than 30 days of
 * every partition's counters (hundreds of kilobytes each, at a million messages a month).
 *
 * A day can still change once finished (events delivered late, a CSAT rating replaced days
 * later): a write to a finished day raises `minVersion` to the day's new version, and a summary
 * older than its `minVersion` is made again before it is read.
 */
@Schema({ collection: 'day_summaries', versionKey: false })
export class DaySummary {
  /** `<tenantId>:<YYYY-MM-DD>:<section>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  tenantId!: string;

  @Prop({ type: String, required: true })
  day!: string;

  /** The day's version this summary was made from. */
  @Prop({ type: Number })
  version?: number;

  /** The least version of the day a summary must be made from to be read. */
  @Prop({ type: Number })
  minVersion?: number;

  /** The section's counters, as compact text (compact-counters.ts). */
  @Prop({ type: String })
  counts?: string;
}

export const DaySummarySchema = SchemaFactory.createForClass(DaySummary);

export const daySummaryId = (tenantId: string, day: string, section: SummarySection): string =>
  `${tenantId}:${day}:${section}`;

/** A summary that saw every write of its day. */
export function isCurrent(summary: DaySummary | null): summary is DaySummary & { counts: string } {
  return summary?.counts !== undefined && (summary.version ?? 0) >= (summary.minVersion ?? 0);
}
