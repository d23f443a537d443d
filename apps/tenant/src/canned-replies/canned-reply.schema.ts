import { type CannedReplyScope } from '@app/contracts';
import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A saved reply agents insert in the composer with `/shortcut`. */
@Schema({ collection: 'canned_replies', versionKey: false, timestamps: true })
export class CannedReply {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  shortcut!: string;

  @Prop({ type: String, default: null })
  title!: string | null;

  @Prop({ required: true })
  body!: string;

  @Prop({ type: String, required: true, enum: ['shared', 'personal'] })
  scope!: CannedReplyScope;

  /** The agent a personal reply belongs to; null for a shared one. */
  @Prop({ type: String, default: null })
  ownerId!: string | null;

  /**
   * `shared`, or `personal:<ownerId>`: the set a shortcut is unique in. One string rather than
   * (scope, ownerId), since a unique index would count the null owners of shared ones alike.
   */
  @Prop({ required: true })
  shortcutSet!: string;

  @Prop({ required: true })
  createdBy!: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export const CannedReplySchema = SchemaFactory.createForClass(CannedReply);
CannedReplySchema.plugin(tenantScopedPlugin);
// Refuses a second shared reply with a shortcut, or a second personal one of an agent; also
// serves the limits' counts (shared, or one agent's).
CannedReplySchema.index({ tenantId: 1, shortcutSet: 1, shortcut: 1 }, { unique: true });
// Serves the list: the shared replies and the caller's own, by shortcut.
CannedReplySchema.index({ tenantId: 1, scope: 1, ownerId: 1, shortcut: 1 });
