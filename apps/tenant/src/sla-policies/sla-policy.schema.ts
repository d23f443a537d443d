import { type RoomPriority, type SlaEscalation } from '@app/contracts';
import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Response and resolution targets for the rooms of one priority, maybe one category or team. */
@Schema({ collection: 'sla_policies', versionKey: false, timestamps: true })
export class SlaPolicy {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, required: true })
  priority!: RoomPriority;

  @Prop({ type: String, default: null })
  categoryId!: string | null;

  @Prop({ type: String, default: null })
  teamId!: string | null;

  /**
   * `<priority>|<category or *>|<team or *>`: what the policy applies to, unique per tenant. One
   * string, since a unique index would count the nulls of (category, team) alike.
   */
  @Prop({ required: true })
  scopeKey!: string;

  @Prop({ required: true })
  firstResponseSeconds!: number;

  @Prop({ required: true })
  resolutionSeconds!: number;

  @Prop({ type: Object, required: true })
  escalation!: SlaEscalation;

  createdAt!: Date;
  updatedAt!: Date;
}

export const SlaPolicySchema = SchemaFactory.createForClass(SlaPolicy);
SlaPolicySchema.plugin(tenantScopedPlugin);
// Refuses a second policy for the same rooms (which of the two would apply?).
SlaPolicySchema.index({ tenantId: 1, scopeKey: 1 }, { unique: true });

export const scopeKeyOf = (policy: Pick<SlaPolicy, 'priority' | 'categoryId' | 'teamId'>) =>
  `${policy.priority}|${policy.categoryId ?? '*'}|${policy.teamId ?? '*'}`;
