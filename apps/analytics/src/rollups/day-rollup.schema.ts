import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type CloseReason } from '@app/contracts';

/** A conversation created this day (by the room id): hour, chatbot, category. */
export interface CreatedEntry {
  h: number;
  b: string;
  c?: string;
}

/** A conversation closed this day: hour, chatbot, reason, seconds open, the agent if any. */
export interface ClosedEntry {
  h: number;
  b: string;
  r: CloseReason;
  s: number;
  a?: string;
}

/** A conversation's first agent message, this day: hour, chatbot, seconds waited, who answered. */
export interface RepliedEntry {
  h: number;
  b: string;
  s: number;
  a: string;
}

/** An agent given a conversation this day (keyed `<roomId>~<agentId>`: once per pair). */
export interface AssignedEntry {
  h: number;
  b: string;
  a: string;
}

/**
 * Messages by chatbot, hour and sender: `messages.<chatbotId>.<hour>.<sender>` where sender is
 * `visitor`, `system` or `agent:<agentId>`.
 */
export type MessageCounts = Record<string, Record<string, Record<string, number>>>;

/**
 * One tenant's day (UTC): every conversation fact as an entry keyed by room, written with `$set`
 * so that applying an event twice changes nothing, and message counters, which are too many for
 * entries, guarded by the last Kafka offset applied from each partition.
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

  @Prop({ type: Object, default: {} })
  created!: Record<string, CreatedEntry>;

  @Prop({ type: Object, default: {} })
  closed!: Record<string, ClosedEntry>;

  @Prop({ type: Object, default: {} })
  replied!: Record<string, RepliedEntry>;

  @Prop({ type: Object, default: {} })
  assigned!: Record<string, AssignedEntry>;

  @Prop({ type: Object, default: {} })
  messages!: MessageCounts;

  /** `messageOffsets.<partition>`: the last message.sent offset counted from that partition. */
  @Prop({ type: Object, default: {} })
  messageOffsets!: Record<string, number>;
}

export const DayRollupSchema = SchemaFactory.createForClass(DayRollup);

export const dayRollupId = (tenantId: string, day: string): string => `${tenantId}:${day}`;
