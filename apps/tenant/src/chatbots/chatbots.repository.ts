import { journeyFromPreChatForm, type OfflineWhen, preChatFormSchema } from '@app/contracts';
import { asSystem } from '@app/tenancy';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Chatbot } from './chatbot.schema';

export type ChatbotRecord = Omit<Chatbot, '_id' | 'preChatForm'> & { id: string };
export type ChatbotFields = Pick<
  ChatbotRecord,
  'name' | 'allowedOrigins' | 'appearance' | 'journey'
> & { requireVerifiedIdentity?: boolean; offlineWhen?: OfflineWhen };
export type JourneyFields = Pick<ChatbotRecord, 'journey' | 'journeyHistory'>;
export type ApiKeyFields = Pick<ChatbotRecord, 'apiKeySha256' | 'apiKeyPrefix'>;
export type IdentityFields = Pick<
  ChatbotRecord,
  'identitySecretSealed' | 'requireVerifiedIdentity'
>;

const toRecord = ({ _id, preChatForm, ...chatbot }: Chatbot): ChatbotRecord => ({
  id: _id,
  ...chatbot,
  journeyHistory: chatbot.journeyHistory ?? [],
});

/** Chatbots of the tenant in context. */
@Injectable()
export class ChatbotsRepository implements OnModuleInit {
  constructor(@InjectModel(Chatbot.name) private readonly chatbots: Model<Chatbot>) {}

  /**
   * Chatbots stored before journeys get their flat pre-chat form as a linear journey (version 1,
   * nothing lost); run at every start, it finds nothing left to do after the first.
   */
  async onModuleInit(): Promise<void> {
    await asSystem('chatbots from before journeys get one', async () => {
      const legacy = await this.chatbots.find({ journey: { $exists: false } }).lean();
      for (const chatbot of legacy) {
        const form = preChatFormSchema.parse(chatbot.preChatForm ?? {});
        await this.chatbots.updateOne(
          { _id: chatbot._id, journey: { $exists: false } },
          {
            $set: { journey: journeyFromPreChatForm(form), journeyHistory: [] },
            $unset: { preChatForm: 1 },
          },
        );
      }
    });
  }

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
    changes: Partial<ChatbotFields & ApiKeyFields & IdentityFields & JourneyFields>,
  ): Promise<ChatbotRecord | null> {
    const result = await this.chatbots.updateOne({ _id: id }, { $set: changes });
    return result.matchedCount === 0 ? null : this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.chatbots.deleteOne({ _id: id })).deletedCount === 1;
  }
}
