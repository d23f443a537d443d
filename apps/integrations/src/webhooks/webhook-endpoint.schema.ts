import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A URL of the tenant's that receives signed events. */
@Schema({ collection: 'webhook_endpoints', versionKey: false, timestamps: true })
export class WebhookEndpoint {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  url!: string;

  /** Event types (`chat.message.sent.v1`), or `*`. */
  @Prop({ type: [String], required: true })
  events!: string[];

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: Boolean, default: true })
  enabled!: boolean;

  @Prop({ type: String, default: null })
  disabledReason!: 'failing' | null;

  /** The signing secret, sealed (AES-256-GCM, purpose `webhook-secret`). */
  @Prop({ required: true })
  secretSealed!: string;

  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  @Prop({ type: String, default: null })
  previousSecretSealed!: string | null;

  @Prop({ type: Date, default: null })
  previousSecretExpiresAt!: Date | null;

  /** The first failure since the last success; null while deliveries succeed. */
  @Prop({ type: Date, default: null })
  failingSince!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const WebhookEndpointSchema = SchemaFactory.createForClass(WebhookEndpoint);
WebhookEndpointSchema.plugin(tenantScopedPlugin);
// The consumer's question for each event: the tenant's enabled endpoints.
WebhookEndpointSchema.index({ tenantId: 1, enabled: 1 });
