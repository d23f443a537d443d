import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A tenant's name, for the emails this service asks for. */
@Schema({ collection: 'tenants', versionKey: false })
export class KnownTenant {
  /** The tenant id. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, default: '' })
  name!: string;

  @Prop({ required: true })
  syncedAt!: Date;
}

export const KnownTenantSchema = SchemaFactory.createForClass(KnownTenant);
KnownTenantSchema.plugin(tenantScopedPlugin);

/** A tenant's user, to know who is told when an endpoint is disabled. */
@Schema({ collection: 'users', versionKey: false })
export class KnownUser {
  /** The user id. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, default: '' })
  name!: string;

  @Prop({ type: String, default: '' })
  email!: string;

  @Prop({ type: [String], default: [] })
  permissions!: string[];

  @Prop({ type: String, default: 'active' })
  status!: 'invited' | 'active' | 'deactivated' | 'deleted';

  @Prop({ required: true })
  syncedAt!: Date;
}

export const KnownUserSchema = SchemaFactory.createForClass(KnownUser);
KnownUserSchema.plugin(tenantScopedPlugin);
