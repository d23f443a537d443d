import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A room bridged to an Intercom conversation, `_id` = the room id. Inserted first by the replica
 * that starts the conversation: its unique `_id` is the claim that keeps two replicas from
 * starting two conversations for one room.
 */
@Schema({ collection: 'intercom_links', versionKey: false })
export class IntercomLink {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  /** Null while the conversation is being started (since `claimedAt`). */
  @Prop({ type: String, default: null })
  intercomConversationId!: string | null;

  @Prop({ type: Object, default: null })
  contact!: { id: string; role: string | null; email: string; name: string } | null;

  /** When the start was claimed; a claim older than the lease is taken over. */
  @Prop({ required: true })
  claimedAt!: Date;

  /** `closed`: Intercom closed it (the close part `closedPartId` was applied). */
  @Prop({ type: String, enum: ['open', 'closed'], default: 'open' })
  state!: 'open' | 'closed';

  @Prop({ type: String, default: null })
  closedPartId!: string | null;

  /** When the polling fallback fetches the conversation next, unless Intercom sends news first. */
  @Prop({ type: Date, default: null })
  pollDueAt!: Date | null;
}

export const IntercomLinkSchema = SchemaFactory.createForClass(IntercomLink);
IntercomLinkSchema.plugin(tenantScopedPlugin);
// Maps an Intercom conversation (a webhook's) back to its room.
IntercomLinkSchema.index({ tenantId: 1, intercomConversationId: 1 });
// Serves the polling fallback, across tenants: open conversations whose poll is due.
IntercomLinkSchema.index({ state: 1, pollDueAt: 1 });

/**
 * A visitor message forwarded to Intercom, `_id` = the message id: inserted (`claimed`) before the
 * call, `forwarded` after it, so a redelivered event never posts the message twice.
 */
@Schema({ collection: 'intercom_forwards', versionKey: false })
export class IntercomForward {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  roomId!: string;

  @Prop({ type: String, enum: ['claimed', 'forwarded'], required: true })
  state!: 'claimed' | 'forwarded';

  @Prop({ required: true })
  claimedAt!: Date;

  /** `start`: claimed to start the conversation with; `reply`: to add to it. */
  @Prop({ type: String, enum: ['start', 'reply'], default: 'reply' })
  purpose!: 'start' | 'reply';

  /** The Intercom part (or first message) it became. */
  @Prop({ type: String, default: null })
  partId!: string | null;
}

export const IntercomForwardSchema = SchemaFactory.createForClass(IntercomForward);
IntercomForwardSchema.plugin(tenantScopedPlugin);
