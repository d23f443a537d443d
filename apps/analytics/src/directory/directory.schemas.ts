import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A tenant's chatbot as analytics needs it: to name it and to check ids a request gives. */
@Schema({ collection: 'chatbots', versionKey: false })
export class KnownChatbot {
  /** The chatbot id. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, default: '' })
  name!: string;

  @Prop({ type: Boolean, default: false })
  deleted!: boolean;

  /** When the state applied was true (see applyIfNewer). */
  @Prop({ required: true })
  syncedAt!: Date;
}

export const KnownChatbotSchema = SchemaFactory.createForClass(KnownChatbot);
KnownChatbotSchema.plugin(tenantScopedPlugin);

/** A tenant's user: names in the agents report, and who gets the daily report. */
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
