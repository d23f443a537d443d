import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A workspace's Intercom bridge: one per tenant, `_id` = the tenant id. */
@Schema({ collection: 'intercom_connections', versionKey: false, timestamps: true })
export class IntercomConnection {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  /** The access token, sealed (AES-256-GCM, purpose `intercom-credentials`). */
  @Prop({ required: true })
  accessTokenSealed!: string;

  /** The app's client secret, which signs Intercom's notifications, sealed likewise. */
  @Prop({ required: true })
  clientSecretSealed!: string;

  @Prop({ type: Object, required: true })
  scope!: { allChatbots: boolean; chatbotIds: string[]; categoryIds: string[] };

  /** As Intercom's `GET /me` named them when the token was checked. */
  @Prop({ type: Object, default: null })
  workspace!: { name: string | null; adminName: string | null } | null;

  /** The admin the token belongs to: Parley's closes are theirs in Intercom. */
  @Prop({ type: String, default: null })
  adminId!: string | null;

  @Prop({ required: true })
  connectedAt!: Date;

  @Prop({ type: Date, default: null })
  lastWebhookAt!: Date | null;

  @Prop({ type: Date, default: null })
  lastPollAt!: Date | null;

  @Prop({ type: Date, default: null })
  lastForwardAt!: Date | null;

  @Prop({ type: Object, default: null })
  lastError!: { at: Date; message: string } | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const IntercomConnectionSchema = SchemaFactory.createForClass(IntercomConnection);
IntercomConnectionSchema.plugin(tenantScopedPlugin);
