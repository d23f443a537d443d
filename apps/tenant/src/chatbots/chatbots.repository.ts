import { type OfflineWhen } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Chatbot } from './chatbot.schema';

export type ChatbotRecord = Omit<Chatbot, '_id'> & { id: string };
export type ChatbotFields = Pick<
  ChatbotRecord,
  'name' | 'allowedOrigins' | 'appearance' | 'preChatForm'
> & { requireVerifiedIdentity?: boolean; offlineWhen?: OfflineWhen };
export type ApiKeyFields = Pick<ChatbotRecord, 'apiKeySha256' | 'apiKeyPrefix'>;
export type IdentityFields = Pick<
  ChatbotRecord,
  'identitySecretSealed' | 'requireVerifiedIdentity'
>;

const toRecord = ({ _id, ...chatbot }: Chatbot): ChatbotRecord => ({ id: _id, ...chatbot });

/** Chatbots of the tenant in context. */
@Injectable()
export class ChatbotsRepository {
  constructor(@InjectModel(Chatbot.name) private readonly chatbots: Model<Chatbot>) {}

  async create(fields: ChatbotFields & ApiKeyFields): Promise<ChatbotRecord> {
    const created = await this.chatbots.create({ _id: randomUUID(), ...fields });
    return toRecord(created.toObject());
  }

  async list(): Promise<ChatbotRecord[]> {
    return (await this.chatbots.find().sort({ createdAt: 1 }).lean()).map(toRecord);
  }

  async findById(id: string): Promise<ChatbotRecord | null> {
    const chatbot = await this.chatbots.findById(id).lean();
    return chatbot && toRecord(chatbot);
  }

  async update(
    id: string,
    changes: Partial<ChatbotFields & ApiKeyFields & IdentityFields>,
  ): Promise<ChatbotRecord | null> {
    const result = await this.chatbots.updateOne({ _id: id }, { $set: changes });
    return result.matchedCount === 0 ? null : this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.chatbots.deleteOne({ _id: id })).deletedCount === 1;
  }
}
