import { tenantScopedPlugin } from '@app/tenancy';
import {
  NOTIFICATION_STATES,
  type NotificationKind,
  type NotificationRequest,
  type NotificationState,
} from '@app/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const FINAL_STATES: readonly NotificationState[] = ['sent', 'dead', 'suppressed'];

/** The notification log: one document per requested email, `_id` = its notification id. */
@Schema({ collection: 'notifications', versionKey: false, timestamps: true })
export class Notification {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, required: true })
  kind!: NotificationKind;

  @Prop({ required: true })
  recipient!: string;

  @Prop({ type: String, enum: NOTIFICATION_STATES, required: true })
  state!: NotificationState;

  /** SMTP attempts started; attempt N is claimed as `send_attempts` `<id>:<N>`. */
  @Prop({ required: true, default: 0 })
  attempts!: number;

  /** `attempts` when an admin last retried it by hand: the retries start over from there. */
  @Prop({ required: true, default: 0 })
  retriedAfter!: number;

  @Prop({ type: String, default: null })
  lastError!: string | null;

  @Prop({ type: Date, default: null })
  nextAttemptAt!: Date | null;

  @Prop({ type: Date, default: null })
  lastAttemptAt!: Date | null;

  @Prop({ type: Date, default: null })
  sentAt!: Date | null;

  /** The SMTP server's answer to the mail that went. */
  @Prop({ type: String, default: null })
  smtpResponse!: string | null;

  /** The `Message-ID` every attempt carries, so a resend is recognisably the same mail. */
  @Prop({ required: true })
  messageId!: string;

  /** The request as it came (one-time links stay sealed: they are opened only to render). */
  @Prop({ type: Object, required: true })
  request!: NotificationRequest;

  /** The event as it arrived, for the dead-letter topic. */
  @Prop({ required: true })
  event!: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export const NotificationSchema = SchemaFactory.createForClass(Notification);
NotificationSchema.plugin(tenantScopedPlugin);
// The admin listing: newest first (ties by id, as its pages), by state and kind.
NotificationSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
NotificationSchema.index({ tenantId: 1, state: 1, createdAt: -1, _id: -1 });
NotificationSchema.index({ tenantId: 1, kind: 1, createdAt: -1, _id: -1 });

/**
 * Notifications not final yet, `_id` = the notification id; rows go when their notification
 * reaches a final state. The senders read this small collection, never the whole log.
 */
@Schema({ collection: 'deliveries_due', versionKey: false })
export class DeliveryDue {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  tenantId!: string;

  @Prop({ required: true })
  dueAt!: Date;
}

export const DeliveryDueSchema = SchemaFactory.createForClass(DeliveryDue);
DeliveryDueSchema.index({ dueAt: 1 });

/**
 * Attempt N of a notification, `_id` = `<notification>:<N>`. Whoever inserts it sends that
 * attempt: FerretDB v1 refuses a second insert of an `_id` reliably, where a conditional
 * update is not atomic under concurrency, so two senders never send the same attempt.
 */
@Schema({ collection: 'send_attempts', versionKey: false })
export class SendAttempt {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  owner!: string;

  @Prop({ required: true })
  at!: Date;
}

export const SendAttemptSchema = SchemaFactory.createForClass(SendAttempt);
