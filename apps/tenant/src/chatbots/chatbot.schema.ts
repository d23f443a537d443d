import { tenantScopedPlugin } from '@app/tenancy';
import { type Appearance, type Journey, type OfflineWhen, type PreChatForm } from '@app/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ collection: 'chatbots', versionKey: false, timestamps: true })
export class Chatbot {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: [String], required: true })
  allowedOrigins!: string[];

  @Prop({ type: Object, required: true })
  appearance!: Appearance;

  /** The questions a visitor answers before a chat; `version` goes up on each save. */
  @Prop({ type: Object, required: true })
  journey!: Journey;

  /**
   * The journeys this one replaced, newest first (at most `KEPT_JOURNEY_VERSIONS`), so the path
   * a room recorded under an older version stays explainable.
   */
  @Prop({ type: [Object], default: [] })
  journeyHistory!: Journey[];

  /**
   * Before journeys: the flat pre-chat form. Only in documents not migrated yet (see
   * `ChatbotsRepository.onModuleInit`), which turns it into a linear journey.
   */
  @Prop({ type: Object })
  preChatForm?: PreChatForm;

  /** When the widget offers an offline message instead of a live chat. */
  @Prop({ type: String, default: 'outside-hours' })
  offlineWhen!: OfflineWhen;

  /** SHA-256 of the API key; null once revoked. The key itself is shown once and never kept. */
  @Prop({ type: String, default: null })
  apiKeySha256!: string | null;

  /** The key's first characters, so admins can tell keys apart. */
  @Prop({ type: String, default: null })
  apiKeyPrefix!: string | null;

  /**
   * The identity-verification secret, sealed (AES-256-GCM under `NOTIFICATION_SEAL_KEY`): admins
   * may read it again, so it cannot be a hash; null while visitors' emails are not verified.
   */
  @Prop({ type: String, default: null })
  identitySecretSealed!: string | null;

  /** Refuse widget sessions whose email is not signed with the identity secret. */
  @Prop({ default: false })
  requireVerifiedIdentity!: boolean;

  createdAt!: Date;
  updatedAt!: Date;
}

/** How many replaced journeys a chatbot keeps. */
export const KEPT_JOURNEY_VERSIONS = 20;

export const ChatbotSchema = SchemaFactory.createForClass(Chatbot);
ChatbotSchema.plugin(tenantScopedPlugin);
// Serves the chatbot list of a tenant.
ChatbotSchema.index({ tenantId: 1, createdAt: 1 });
