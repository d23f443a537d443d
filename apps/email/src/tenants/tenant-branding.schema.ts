import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A tenant's name and colour for its emails, from the tenant service's events. */
@Schema({ collection: 'tenant_branding', versionKey: false })
export class TenantBranding {
  /** The tenant id. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, default: null })
  brandColor!: string | null;

  /** When the state applied was true (see applyIfNewer). */
  @Prop({ required: true })
  syncedAt!: Date;
}

export const TenantBrandingSchema = SchemaFactory.createForClass(TenantBranding);
