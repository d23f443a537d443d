import { tenantScopedPlugin } from '@app/tenancy';
import { type NotificationKind } from '@app/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type SuppressionReason = 'unsubscribed' | 'hard-bounce';

/**
 * An address that gets no more mail of one kind from one tenant.
 * `_id` = `<tenant>:<kind>:<address, lower case>`, so the check before each send is one lookup.
 */
@Schema({ collection: 'suppressions', versionKey: false })
export class Suppression {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  address!: string;

  @Prop({ type: String, required: true })
  kind!: NotificationKind;

  @Prop({ type: String, required: true })
  reason!: SuppressionReason;

  @Prop({ type: String, default: null })
  detail!: string | null;

  @Prop({ required: true })
  at!: Date;
}

export const SuppressionSchema = SchemaFactory.createForClass(Suppression);
SuppressionSchema.plugin(tenantScopedPlugin);

export const suppressionKey = (tenantId: string, kind: NotificationKind, address: string) =>
  `${tenantId}:${kind}:${address.toLowerCase()}`;
