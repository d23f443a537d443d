import { type WebhookDeliveryError, type WebhookDeliveryStatus } from '@app/contracts';
import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One event for one endpoint: the signed body as it is sent on every attempt, and what the
 * last attempt got. Written before the first attempt, so no event is lost to a crash.
 */
@Schema({ collection: 'webhook_deliveries', versionKey: false, timestamps: true })
export class WebhookDelivery {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  endpointId!: string;

  /** The payload's `id` and `Parley-Webhook-Id`: the Kafka event's id (random for a test). */
  @Prop({ required: true })
  webhookId!: string;

  @Prop({ required: true })
  type!: string;

  /** What deliveries keep their order within: the conversation (or contact, or agent). */
  @Prop({ required: true })
  orderKey!: string;

  @Prop({ required: true })
  occurredAt!: Date;

  /** The event's Kafka offset: the order of two events of one topic that occurred together. */
  @Prop({ type: Number, default: 0 })
  offset!: number;

  /** The JSON document sent, byte for byte the same on every attempt. */
  @Prop({ required: true })
  body!: string;

  @Prop({ type: String, required: true })
  status!: WebhookDeliveryStatus;

  @Prop({ type: Number, default: 0 })
  attempts!: number;

  /** When the next attempt is due (pending only); pushed ahead while one replica attempts it. */
  @Prop({ type: Date, default: null })
  nextAttemptAt!: Date | null;

  /** Waits for an earlier delivery of the same conversation to the same endpoint. */
  @Prop({ type: Boolean, default: false })
  blocked!: boolean;

  /** Retried until then, then failed for good. */
  @Prop({ required: true })
  retryUntil!: Date;

  @Prop({ type: Date, default: null })
  lastAttemptAt!: Date | null;

  @Prop({ type: Date, default: null })
  deliveredAt!: Date | null;

  @Prop({ type: Number, default: null })
  responseStatus!: number | null;

  @Prop({ type: String, default: null })
  responseExcerpt!: string | null;

  @Prop({ type: String, default: null })
  error!: WebhookDeliveryError | null;

  @Prop({ type: Number, default: null })
  durationMs!: number | null;

  @Prop({ type: Number, default: null })
  latencyMs!: number | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDelivery);
WebhookDeliverySchema.plugin(tenantScopedPlugin);
// An event redelivered by Kafka makes no second delivery.
WebhookDeliverySchema.index({ endpointId: 1, webhookId: 1 }, { unique: true });
// The reconciliation, across tenants: pending deliveries long overdue (what is due and what goes
// first are asked of Redis's index: PendingDeliveryIndex).
WebhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });
// The delivery log, newest first.
WebhookDeliverySchema.index({ tenantId: 1, endpointId: 1, createdAt: -1, _id: -1 });
