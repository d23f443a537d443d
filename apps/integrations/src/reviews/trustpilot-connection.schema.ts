import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A workspace's Trustpilot connection (one per tenant: `_id` is the tenant id). */
@Schema({ collection: 'trustpilot_connections', versionKey: false, timestamps: true })
export class TrustpilotConnection {
  /** The tenant id. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  businessUnitId!: string;

  @Prop({ type: String, default: null })
  businessUserId!: string | null;

  /** `{ apiKey, apiSecret }` as JSON, sealed (AES-256-GCM, purpose `trustpilot-credentials`). */
  @Prop({ required: true })
  credentialsSealed!: string;

  /** Changes with the credentials: a token cached for older ones is never used again. */
  @Prop({ required: true })
  credentialsVersion!: string;

  @Prop({ type: String, default: null })
  senderName!: string | null;

  @Prop({ type: String, default: null })
  senderEmail!: string | null;

  @Prop({ type: String, default: null })
  replyTo!: string | null;

  @Prop({ type: String, default: null })
  templateId!: string | null;

  @Prop({ type: String, default: null })
  locale!: string | null;

  @Prop({ type: Boolean, default: false })
  onlyRatedFourOrFive!: boolean;

  @Prop({ type: Boolean, default: true })
  enabled!: boolean;

  createdAt!: Date;
  updatedAt!: Date;
}

export const TrustpilotConnectionSchema = SchemaFactory.createForClass(TrustpilotConnection);
TrustpilotConnectionSchema.plugin(tenantScopedPlugin);

/**
 * How a workspace's calls to Trustpilot fare, apart from its settings so that neither write can
 * lose the other's change (FerretDB v1 may lose one of two concurrent updates of a document).
 */
@Schema({ collection: 'trustpilot_health', versionKey: false })
export class TrustpilotHealth {
  /** The tenant id. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: Date, default: null })
  lastSuccessAt!: Date | null;

  @Prop({ type: Date, default: null })
  lastErrorAt!: Date | null;

  @Prop({ type: String, default: null })
  lastError!: string | null;

  @Prop({ type: Date, default: null })
  tokenExpiresAt!: Date | null;
}

export const TrustpilotHealthSchema = SchemaFactory.createForClass(TrustpilotHealth);
TrustpilotHealthSchema.plugin(tenantScopedPlugin);
