import { asSystem, TenantContext } from '@app/tenancy';
import { applyIfNewer } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { KnownChatbot, KnownUser } from './directory.schemas';

export type ChatbotLookup = 'own' | 'another-tenants' | 'unknown';

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

  /** Whose chatbot an id is: a request naming another tenant's gets 404, an unknown id 400. */
  async lookUpChatbot(chatbotId: string): Promise<ChatbotLookup> {
    const tenantId = TenantContext.current();
    const found = await asSystem('to tell another tenant’s chatbot from none', () =>
      this.chatbots.findById(chatbotId, { tenantId: 1 }).lean().exec(),
    );
    if (!found) return 'unknown';
    return found.tenantId === tenantId ? 'own' : 'another-tenants';
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
