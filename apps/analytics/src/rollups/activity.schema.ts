import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { tenantScopedPlugin } from '@app/tenancy';
import { type AgentPresence } from '@app/contracts';

/** An agent's presence now, from `chat.agent.presence-changed`. */
@Schema({ collection: 'agent_presence', versionKey: false })
export class AgentPresenceState {
  /** `<tenantId>:<agentId>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, required: true })
  agentId!: string;

  @Prop({ type: String, required: true })
  status!: AgentPresence;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const AgentPresenceStateSchema = SchemaFactory.createForClass(AgentPresenceState);
AgentPresenceStateSchema.plugin(tenantScopedPlugin);

/** When a chatbot last opened a conversation (a visitor session). */
@Schema({ collection: 'chatbot_activity', versionKey: false })
export class ChatbotActivity {
  /** The chatbot id. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: Date, required: true })
  lastSessionAt!: Date;
}

export const ChatbotActivitySchema = SchemaFactory.createForClass(ChatbotActivity);
ChatbotActivitySchema.plugin(tenantScopedPlugin);
