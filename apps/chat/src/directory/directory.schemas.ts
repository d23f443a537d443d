import { tenantScopedPlugin } from '@app/tenancy';
import {
  type Appearance,
  type AutoAssignment,
  type BusinessHours,
  type Journey,
  type OfflineWhen,
  type PreChatForm,
  type TeamHours,
  type WeeklyHours,
} from '@app/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Chat's own copies of what the tenant service owns, kept from its events. `syncedAt` is the
 * `occurredAt` of the event applied last, so an older event arriving late changes nothing.
 */

@Schema({ collection: 'directory_chatbots', versionKey: false })
export class ChatbotEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: [String], default: [] })
  allowedOrigins!: string[];

  @Prop({ type: Object, required: true })
  appearance!: Appearance;

  /** Absent in entries kept before journeys, until the chatbot's next event. */
  @Prop({ type: Object })
  journey?: Journey;

  /** Before journeys: the flat form, read as the linear journey it amounts to. */
  @Prop({ type: Object })
  preChatForm?: PreChatForm;

  @Prop({ type: String, default: null })
  apiKeySha256!: string | null;

  /** The identity-verification secret, still sealed; opened only to check a session's hash. */
  @Prop({ type: String, default: null })
  identitySecretSealed!: string | null;

  @Prop({ default: false })
  requireVerifiedIdentity!: boolean;

  @Prop({ type: String, default: 'outside-hours' })
  offlineWhen!: OfflineWhen;

  /** A deleted chatbot stays as a tombstone so a late update cannot bring it back. */
  @Prop({ default: false })
  deleted!: boolean;

  @Prop({ required: true })
  syncedAt!: Date;
}

@Schema({ collection: 'directory_agents', versionKey: false })
export class AgentEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ required: true })
  email!: string;

  @Prop({ type: [String], default: [] })
  permissions!: string[];

  @Prop({ type: String, required: true })
  status!: 'invited' | 'active' | 'deactivated' | 'deleted';

  @Prop({ default: 5 })
  maxConcurrentChats!: number;

  /** Weekly working hours in the tenant's time zone; none: always on shift. */
  @Prop({ type: [Object], default: [] })
  shifts!: WeeklyHours;

  @Prop({ required: true })
  syncedAt!: Date;
}

@Schema({ collection: 'directory_tenants', versionKey: false })
export class TenantEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, enum: ['off', 'round-robin'], default: 'off' })
  autoAssignment!: AutoAssignment;

  @Prop({ default: 'UTC' })
  timeZone!: string;

  @Prop({ default: 15 })
  agentAutoAwayMinutes!: number;

  @Prop({ type: Object, default: null })
  businessHours!: BusinessHours | null;

  /** The content types the workspace accepts as attachments; absent: the default list. */
  @Prop({ type: [String], default: undefined })
  attachmentTypes?: string[];

  @Prop()
  syncedAt!: Date;
}

/** A category of the tenant's list; a deleted one stays as a tombstone (rooms keep it). */
@Schema({ collection: 'directory_categories', versionKey: false })
export class CategoryEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ default: false })
  deleted!: boolean;

  @Prop({ required: true })
  syncedAt!: Date;
}

/** A team of agents and the categories routed to it; deleted: a tombstone. */
@Schema({ collection: 'directory_teams', versionKey: false })
export class TeamEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: [String], default: [] })
  memberIds!: string[];

  @Prop({ type: [String], default: [] })
  categoryIds!: string[];

  /** null: the tenant's business hours. */
  @Prop({ type: Object, default: null })
  businessHours!: TeamHours | null;

  /** Routing takes the oldest team that holds a room's category. */
  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ default: false })
  deleted!: boolean;

  @Prop({ required: true })
  syncedAt!: Date;
}

/** A label agents may put on rooms; deleted: a tombstone (an older creation cannot revive it). */
@Schema({ collection: 'directory_labels', versionKey: false })
export class LabelEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ default: false })
  deleted!: boolean;

  @Prop({ required: true })
  syncedAt!: Date;
}

export const LabelEntrySchema = SchemaFactory.createForClass(LabelEntry).plugin(tenantScopedPlugin);
export const CategoryEntrySchema =
  SchemaFactory.createForClass(CategoryEntry).plugin(tenantScopedPlugin);
export const TeamEntrySchema = SchemaFactory.createForClass(TeamEntry).plugin(tenantScopedPlugin);
export const ChatbotEntrySchema =
  SchemaFactory.createForClass(ChatbotEntry).plugin(tenantScopedPlugin);
export const AgentEntrySchema = SchemaFactory.createForClass(AgentEntry).plugin(tenantScopedPlugin);
export const TenantEntrySchema =
  SchemaFactory.createForClass(TenantEntry).plugin(tenantScopedPlugin);
