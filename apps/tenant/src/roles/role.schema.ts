import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ collection: 'roles', versionKey: false, timestamps: true })
export class Role {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true, trim: true })
  name!: string;

  @Prop({ type: [String], default: [] })
  permissions!: string[];

  /** `admin` holds every permission, now and future; `agent` is the default for invites. */
  @Prop({ type: String, enum: ['admin', 'agent'], default: null })
  builtIn!: 'admin' | 'agent' | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const RoleSchema = SchemaFactory.createForClass(Role);
RoleSchema.plugin(tenantScopedPlugin);
// Serves the name-clash check and keeps role names unique per tenant.
RoleSchema.index({ tenantId: 1, name: 1 }, { unique: true });
