import { type AgentPresence } from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { AgentPresenceState, ChatbotActivity } from './activity.schema';

/** What is going on now: agents' presence and chatbots' last visitor session. */
@Injectable()
export class ActivityRepository {
  constructor(
    @InjectModel(AgentPresenceState.name) private readonly presence: Model<AgentPresenceState>,
    @InjectModel(ChatbotActivity.name) private readonly chatbots: Model<ChatbotActivity>,
  ) {}

  /** Keeps the latest change only, so a replayed or late event cannot turn back the clock. */
  async recordPresence(
    tenantId: string,
    change: { agentId: string; status: AgentPresence; at: string },
  ): Promise<void> {
    const at = new Date(change.at);
    try {
      await this.presence.collection.updateOne(
        { _id: `${tenantId}:${change.agentId}` as never, at: { $not: { $gte: at } } },
        {
          $set: { status: change.status, at },
          $setOnInsert: { tenantId, agentId: change.agentId },
        },
        { upsert: true },
      );
    } catch (error) {
      // A later change is recorded already: the upsert found the _id taken.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async recordSession(tenantId: string, chatbotId: string, at: Date): Promise<void> {
    try {
      await this.chatbots.collection.updateOne(
        { _id: chatbotId as never },
        { $max: { lastSessionAt: at }, $setOnInsert: { tenantId } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.recordSession(tenantId, chatbotId, at);
    }
  }

  /** The tenant in context's agents who are online now. */
  async onlineAgents(): Promise<string[]> {
    const online = await this.presence.find({ status: 'online' }, { agentId: 1 }).lean();
    return online.map((state) => state.agentId);
  }

  /** The tenant in context's chatbots' last visitor sessions. */
  async lastSessions(): Promise<Map<string, Date>> {
    const activity = await this.chatbots.find({}).lean();
    return new Map(activity.map((chatbot) => [chatbot._id, chatbot.lastSessionAt]));
  }
}
