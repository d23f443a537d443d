import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A label agents put on conversations, with the colour its chips wear. */
@Schema({ collection: 'labels', versionKey: false, timestamps: true })
export class Label {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  /** The name in lower case: names are unique per tenant whatever their case. */
  @Prop({ required: true })
  nameKey!: string;

  /** `#rrggbb`. */
  @Prop({ required: true })
  color!: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export const LabelSchema = SchemaFactory.createForClass(Label);
LabelSchema.plugin(tenantScopedPlugin);
// Refuses a second label of the same name in a tenant.
LabelSchema.index({ tenantId: 1, nameKey: 1 }, { unique: true });
