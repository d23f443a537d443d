import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Analytics' own record of a tenant, built from `tenant.tenant.created` events. */
@Schema({ collection: 'tenant_summaries', versionKey: false })
export class TenantSummary {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ required: true })
  signedUpAt!: Date;
}

export const TenantSummarySchema = SchemaFactory.createForClass(TenantSummary);
