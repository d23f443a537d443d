import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Visitors a tenant blocked, by email or by address. */
@Schema({ collection: 'blocked_visitors', versionKey: false, timestamps: true })
export class BlockedVisitor {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, enum: ['email', 'ip'], required: true })
  kind!: 'email' | 'ip';

  @Prop({ required: true })
  value!: string;

  @Prop()
  roomId?: string;
}

export const BlockedVisitorSchema = SchemaFactory.createForClass(BlockedVisitor);
BlockedVisitorSchema.plugin(tenantScopedPlugin);
BlockedVisitorSchema.index({ tenantId: 1, kind: 1, value: 1 }, { unique: true });
