import { type RoomPriority, type SlaEscalation } from '@app/contracts';
import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Chat's copy of a tenant's SLA policy, kept from its events; deleted: a tombstone. */
@Schema({ collection: 'directory_sla_policies', versionKey: false })
export class SlaPolicyEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, default: 'normal' })
  priority!: RoomPriority;

  @Prop({ type: String, default: null })
  categoryId!: string | null;

  @Prop({ type: String, default: null })
  teamId!: string | null;

  @Prop({ default: 0 })
  firstResponseSeconds!: number;

  @Prop({ default: 0 })
  resolutionSeconds!: number;

  @Prop({ type: Object, default: { action: 'none' } })
  escalation!: SlaEscalation;

  @Prop({ default: false })
  deleted!: boolean;

  @Prop({ required: true })
  syncedAt!: Date;
}

export const SlaPolicyEntrySchema =
  SchemaFactory.createForClass(SlaPolicyEntry).plugin(tenantScopedPlugin);
