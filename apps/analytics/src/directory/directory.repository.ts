import { applyIfNewer } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { KnownChatbot, KnownUser } from './directory.schemas';

/** Chatbots and users of every tenant, kept from the tenant service's events. */
@Injectable()
export class DirectoryRepository {
  constructor(
    @InjectModel(KnownChatbot.name) private readonly chatbots: Model<KnownChatbot>,
    @InjectModel(KnownUser.name) private readonly users: Model<KnownUser>,
  ) {}

  applyChatbot(id: string, fields: Partial<KnownChatbot>, at: Date): Promise<void> {
    return applyIfNewer(this.chatbots, id, fields, at);
  }

  applyUser(id: string, fields: Partial<KnownUser>, at: Date): Promise<void> {
    return applyIfNewer(this.users, id, fields, at);
  }

  /**
   * Whether the tenant in context has (or had) a chatbot of this id. Asked within the tenant
   * only, so another tenant's chatbot and no chatbot at all are the same answer.
   */
  async hasChatbot(chatbotId: string): Promise<boolean> {
    return (await this.chatbots.exists({ _id: chatbotId })) !== null;
  }

  /** The tenant in context's chatbots, deleted ones excluded. */
  async chatbotsOfTenant(): Promise<KnownChatbot[]> {
    return this.chatbots.find({ deleted: false }).lean();
  }

  /** The tenant in context's users by id (for names). */
  async usersOfTenant(): Promise<Map<string, KnownUser>> {
    const users = await this.users.find({}).lean();
    return new Map(users.map((user) => [user._id, user]));
  }
}
