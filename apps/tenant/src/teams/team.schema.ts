import { type TeamHours } from '@app/contracts';
import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A team of agents; rooms whose category the team routes wait in its queue. */
@Schema({ collection: 'teams', versionKey: false, timestamps: true })
export class Team {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  /** The name in lower case: names are unique per tenant whatever their case. */
  @Prop({ required: true })
  nameKey!: string;

  @Prop({ type: [String], default: [] })
  memberIds!: string[];

  @Prop({ type: [String], default: [] })
  categoryIds!: string[];

  /** null: the tenant's business hours. */
  @Prop({ type: Object, default: null })
  businessHours!: TeamHours | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const TeamSchema = SchemaFactory.createForClass(Team);
TeamSchema.plugin(tenantScopedPlugin);
// Refuses a second team of the same name in a tenant.
TeamSchema.index({ tenantId: 1, nameKey: 1 }, { unique: true });
