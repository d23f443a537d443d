import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A category of requests in the tenant's list. */
@Schema({ collection: 'categories', versionKey: false, timestamps: true })
export class Category {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  /** The name in lower case: names are unique per tenant whatever their case. */
  @Prop({ required: true })
  nameKey!: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export const CategorySchema = SchemaFactory.createForClass(Category);
CategorySchema.plugin(tenantScopedPlugin);
// Refuses a second category of the same name in a tenant.
CategorySchema.index({ tenantId: 1, nameKey: 1 }, { unique: true });
