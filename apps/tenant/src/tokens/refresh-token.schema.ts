import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One refresh token. Each refresh spends the token and issues the next one in the same family
 * (session); presenting a spent token again revokes the whole family.
 */
@Schema({ collection: 'refresh_tokens', versionKey: false })
export class RefreshToken {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  userId!: string;

  @Prop({ required: true })
  familyId!: string;

  /** SHA-256 of the secret half; the token itself is never stored. */
  @Prop({ required: true })
  secretSha256!: string;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  usedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
RefreshTokenSchema.plugin(tenantScopedPlugin);
// Serve revoking a family (reuse, logout) and all of a user's (logout everywhere).
RefreshTokenSchema.index({ familyId: 1 });
RefreshTokenSchema.index({ tenantId: 1, userId: 1 });
