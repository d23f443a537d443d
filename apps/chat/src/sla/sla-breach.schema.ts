import { type RoomPriority, type SlaEscalation, type SlaKind } from '@app/contracts';
import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One missed target of one room, `_id` = `<room>:<kind>`. Its insert decides which replica (or
 * which run after a restart) acts on the breach: FerretDB refuses a second insert of an `_id`
 * however the writers race (see RoomTransition). It holds what the event says, so a breach left
 * unpublished by a crash is published later exactly as it would have been.
 */
@Schema({ collection: 'sla_breaches', versionKey: false })
export class SlaBreach {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  roomId!: string;

  @Prop({ required: true })
  chatbotId!: string;

  @Prop({ type: String, required: true })
  kind!: SlaKind;

  @Prop({ required: true })
  policyId!: string;

  @Prop({ required: true })
  dueAt!: Date;

  @Prop({ required: true })
  breachedAt!: Date;

  @Prop({ type: String, required: true })
  priority!: RoomPriority;

  @Prop({ type: String, default: null })
  teamId!: string | null;

  @Prop({ type: String, default: null })
  category!: string | null;

  @Prop({ type: String, default: null })
  agentId!: string | null;

  @Prop({ type: Object, required: true })
  escalation!: SlaEscalation;

  /** Set once `chat.sla.breached.v1` is in the outbox; the sweep publishes those left unset. */
  @Prop({ default: false })
  published!: boolean;
}

export const SlaBreachSchema = SchemaFactory.createForClass(SlaBreach);
SlaBreachSchema.plugin(tenantScopedPlugin);
// Serves the sweep's search for breaches a crash left unpublished.
SlaBreachSchema.index({ published: 1, breachedAt: 1 });

/** A supervisor's choice to be emailed about breaches; `_id` = the agent's id. */
@Schema({ collection: 'sla_alert_preferences', versionKey: false })
export class SlaAlertPreferenceEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ default: false })
  email!: boolean;
}

export const SlaAlertPreferenceSchema =
  SchemaFactory.createForClass(SlaAlertPreferenceEntry).plugin(tenantScopedPlugin);
