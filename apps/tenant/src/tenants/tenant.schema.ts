import {
  type AttachmentType,
  type AutoAssignment,
  type BusinessHours,
  DEFAULT_ATTACHMENT_TYPES,
} from '@app/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ collection: 'tenants', versionKey: false, timestamps: true })
export class Tenant {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, trim: true, maxlength: 120 })
  name!: string;

  @Prop({ default: '#2563eb' })
  brandColor!: string;

  @Prop({ type: String, enum: ['off', 'round-robin'], default: 'off' })
  autoAssignment!: AutoAssignment;

  @Prop({ default: 'UTC' })
  timeZone!: string;

  @Prop({ default: 15 })
  agentAutoAwayMinutes!: number;

  /** null: open around the clock. */
  @Prop({ type: Object, default: null })
  businessHours!: BusinessHours | null;

  /** The content types chat accepts as attachments (chat recognises them by their bytes). */
  @Prop({ type: [String], default: () => [...DEFAULT_ATTACHMENT_TYPES] })
  attachmentTypes!: AttachmentType[];

  createdAt!: Date;
  updatedAt!: Date;
}

export const TenantSchema = SchemaFactory.createForClass(Tenant);
