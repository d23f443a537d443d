import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type OneTimePurpose = 'password-reset' | 'invitation' | 'email-verification';

/**
 * A link sent by email (password reset, invitation, email verification): single use, expiring,
 * stored hashed.
 */
@Schema({ collection: 'one_time_tokens', versionKey: false })
export class OneTimeToken {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  userId!: string;

  @Prop({
    type: String,
    enum: ['password-reset', 'invitation', 'email-verification'],
    required: true,
  })
  purpose!: OneTimePurpose;

  @Prop({ required: true })
  secretSha256!: string;

  @Prop({ required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  usedAt!: Date | null;
}

export const OneTimeTokenSchema = SchemaFactory.createForClass(OneTimeToken);
OneTimeTokenSchema.plugin(tenantScopedPlugin);
