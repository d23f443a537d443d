import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A workspace's server-to-server token. Only its hash is stored; the token itself is shown once,
 * when it is created. Revoked tokens stay, for their usage log, but free their name.
 */
@Schema({ collection: 'api_tokens', versionKey: false, timestamps: true })
export class ApiToken {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  /** The name in lower case (unique per tenant); `revoked:<id>` once revoked. */
  @Prop({ required: true })
  nameKey!: string;

  /** SHA-256 of the token, hex: what a bearer is looked up by. */
  @Prop({ required: true })
  tokenHash!: string;

  /** The token's first characters, to tell tokens apart. */
  @Prop({ required: true })
  tokenPrefix!: string;

  @Prop({ type: [String], default: [] })
  permissions!: string[];

  /** The user who created it. */
  @Prop({ type: String, required: true })
  createdBy!: string;

  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  /** Copied from the usage log in Redis when the tokens are listed, so it survives Redis. */
  @Prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const ApiTokenSchema = SchemaFactory.createForClass(ApiToken);
ApiTokenSchema.plugin(tenantScopedPlugin);
// Refuses a second live token of the same name in a tenant.
ApiTokenSchema.index({ tenantId: 1, nameKey: 1 }, { unique: true });
// The list of a tenant's tokens, and their rewrite into Redis at start.
ApiTokenSchema.index({ tenantId: 1, revokedAt: 1, createdAt: 1 });
