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

  @Prop({ type: { _id: false, id: String, name: String } })
  blockedBy?: { id: string; name: string };

  /**
   * When an address block lapses: addresses change hands (DHCP, mobile carriers, offices), an
   * email stays its owner's. Expiry is read by the queries, not a TTL index (FerretDB has none).
   */
  @Prop({ type: Date })
  expiresAt?: Date;

  createdAt!: Date;
}

export const BlockedVisitorSchema = SchemaFactory.createForClass(BlockedVisitor);
BlockedVisitorSchema.plugin(tenantScopedPlugin);
// Serves isBlocked (one per kind and value) and makes a second block of the same visitor a renewal.
BlockedVisitorSchema.index({ tenantId: 1, kind: 1, value: 1 }, { unique: true });
// Serves the blocklist page, newest first.
BlockedVisitorSchema.index({ tenantId: 1, createdAt: -1 });
