import {
  type ReviewInvitationSource,
  type ReviewInvitationStatus,
  type ReviewSkipReason,
} from '@app/contracts';
import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Whom an invitation goes to. */
export interface Consumer {
  email: string;
  name: string;
}

/**
 * One conversation's review invitation. Its `_id` is derived from the tenant and the conversation
 * (see `invitationId`), so the insert that creates it is the claim that makes it once per
 * conversation, whatever replica, restart or duplicate event tries again. Changes after that are
 * made under its Redis lock (see ReviewInvitationsRepository).
 */
@Schema({ collection: 'review_invitations', versionKey: false, timestamps: true })
export class ReviewInvitation {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  /** The room id, or `intercom:<conversation id>`. */
  @Prop({ required: true })
  conversationId!: string;

  @Prop({ type: String, required: true })
  source!: ReviewInvitationSource;

  @Prop({ type: String, required: true })
  status!: ReviewInvitationStatus;

  @Prop({ type: String, default: null })
  skipReason!: ReviewSkipReason | null;

  /** The visitor, while the invitation may still be sent; removed once sent or skipped. */
  @Prop({ type: Object, default: null })
  consumer!: Consumer | null;

  /** The email as the log shows it, kept after the consumer is removed. */
  @Prop({ type: String, default: null })
  recipient!: string | null;

  @Prop({ type: Number, default: null })
  rating!: number | null;

  /** Waiting for a rating until then (`waiting_rating`). */
  @Prop({ type: Date, default: null })
  ratingDeadline!: Date | null;

  @Prop({ type: Number, default: 0 })
  attempts!: number;

  /** Failures since the invitation was last queued: picks the next wait from the schedule. */
  @Prop({ type: Number, default: 0 })
  failures!: number;

  /** When the next attempt is due (`pending`); pushed ahead while one replica attempts it. */
  @Prop({ type: Date, default: null })
  nextAttemptAt!: Date | null;

  /** Set while an attempt is out: found set later, the attempt died with its outcome unknown. */
  @Prop({ type: Date, default: null })
  attemptStartedAt!: Date | null;

  @Prop({ type: String, default: null })
  lastError!: string | null;

  @Prop({ type: Date, default: null })
  sentAt!: Date | null;

  /** When it became sent, failed or skipped: the day the counts put it on. */
  @Prop({ type: Date, default: null })
  settledAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const ReviewInvitationSchema = SchemaFactory.createForClass(ReviewInvitation);
ReviewInvitationSchema.plugin(tenantScopedPlugin);
// The sweep, across tenants: pending invitations due, and ratings waited for past their deadline.
ReviewInvitationSchema.index({ status: 1, nextAttemptAt: 1 });
ReviewInvitationSchema.index({ status: 1, ratingDeadline: 1 });
// The log, newest first.
ReviewInvitationSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
// The counts per day.
ReviewInvitationSchema.index({ tenantId: 1, settledAt: 1 });

/**
 * The visitor of an open conversation, kept from `chat.chatroom.created` for a tenant with
 * Trustpilot connected, until the conversation closes (or `expiresAt`, swept).
 */
@Schema({ collection: 'review_visitors', versionKey: false })
export class ReviewVisitor {
  /** `invitationId` of the room. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  roomId!: string;

  @Prop({ type: String, default: '' })
  email!: string;

  @Prop({ type: String, default: '' })
  name!: string;

  @Prop({ required: true })
  expiresAt!: Date;
}

export const ReviewVisitorSchema = SchemaFactory.createForClass(ReviewVisitor);
ReviewVisitorSchema.plugin(tenantScopedPlugin);
// The retention sweep, across tenants.
ReviewVisitorSchema.index({ expiresAt: 1 });

/**
 * A conversation's rating, one document per revision, written only by insert: a rating may be
 * read before or after its close, and inserts never lose one another's.
 */
@Schema({ collection: 'review_ratings', versionKey: false })
export class ReviewRating {
  /** `<invitation id>:<revision>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  invitationId!: string;

  @Prop({ required: true })
  revision!: number;

  @Prop({ required: true })
  rating!: number;

  @Prop({ required: true })
  expiresAt!: Date;
}

export const ReviewRatingSchema = SchemaFactory.createForClass(ReviewRating);
ReviewRatingSchema.plugin(tenantScopedPlugin);
// A conversation's latest rating.
ReviewRatingSchema.index({ tenantId: 1, invitationId: 1, revision: -1 });
ReviewRatingSchema.index({ expiresAt: 1 });
