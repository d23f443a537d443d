import { findOwnById } from '@app/tenancy';
import {
  type AgentSnapshot,
  type AutoAssignment,
  type BusinessHours,
  type ChatbotSnapshot,
  type Journey,
  journeyFromPreChatForm,
} from '@app/contracts';
import { applyIfNewer } from '@app/database';
import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type Redis from 'ioredis';
import { type Model } from 'mongoose';
import { redisKeys } from '../redis-keys';
import { AgentEntry, ChatbotEntry, TenantEntry } from './directory.schemas';

export type ChatbotRecord = Omit<ChatbotEntry, '_id' | 'syncedAt' | 'journey' | 'preChatForm'> & {
  id: string;
  journey: Journey;
};

/** A chatbot's journey, also for entries (and cached copies) from before journeys. */
const journeyOf = (entry: Pick<ChatbotEntry, 'journey' | 'preChatForm'>): Journey =>
  entry.journey ?? journeyFromPreChatForm(entry.preChatForm ?? { fields: [] });
export type AgentRecord = Omit<AgentEntry, '_id'> & { id: string };
export interface TenantRecord {
  id: string;
  name: string;
  autoAssignment: AutoAssignment;
  timeZone: string;
  agentAutoAwayMinutes: number;
  businessHours: BusinessHours | null;
  /** The content types the workspace accepts as attachments; absent: the default list. */
  attachmentTypes?: string[];
}

/** The tenant's settings as chat applies them (see TenantUpdatedV1). */
export type TenantFields = Partial<Omit<TenantRecord, 'id'>> & { name: string };

const CHATBOT_CACHE_SECONDS = 300;

/**
 * The chatbots, agents and tenant names chat knows, for the tenant in context. Widget sessions
 * look chatbots up on every connect, so those are cached in Redis and dropped on each change.
 */
@Injectable()
export class DirectoryRepository {
  constructor(
    @InjectModel(ChatbotEntry.name) private readonly chatbots: Model<ChatbotEntry>,
    @InjectModel(AgentEntry.name) private readonly agents: Model<AgentEntry>,
    @InjectModel(TenantEntry.name) private readonly tenants: Model<TenantEntry>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async applyChatbot(
    tenantId: string,
    snapshot: ChatbotSnapshot | { chatbotId: string; deleted: true },
    at: Date,
  ): Promise<void> {
    const fields =
      'deleted' in snapshot
        ? { deleted: true, apiKeySha256: null, identitySecretSealed: null }
        : {
            name: snapshot.name,
            allowedOrigins: snapshot.allowedOrigins,
            appearance: snapshot.appearance,
            journey: journeyOf(snapshot),
            apiKeySha256: snapshot.apiKeySha256,
            identitySecretSealed: snapshot.identitySecretSealed,
            requireVerifiedIdentity: snapshot.requireVerifiedIdentity,
            offlineWhen: snapshot.offlineWhen,
            deleted: false,
          };
    await applyIfNewer(this.chatbots, snapshot.chatbotId, fields, at);
    await this.redis.del(redisKeys.chatbot(tenantId, snapshot.chatbotId)).catch(() => undefined);
  }

  async applyAgent(
    snapshot: AgentSnapshot | { userId: string; deleted: true },
    at: Date,
  ): Promise<void> {
    const fields =
      'deleted' in snapshot
        ? { status: 'deleted', permissions: [] }
        : {
            name: snapshot.name,
            email: snapshot.email,
            permissions: snapshot.permissions,
            status: snapshot.status,
            maxConcurrentChats: snapshot.maxConcurrentChats,
            shifts: snapshot.shifts,
          };
    await applyIfNewer(this.agents, snapshot.userId, fields, at);
  }

  async applyTenant(tenantId: string, fields: TenantFields, at: Date): Promise<void> {
    await applyIfNewer(this.tenants, tenantId, fields, at);
  }

  async findTenant(tenantId: string): Promise<TenantRecord | null> {
    const entry = await findOwnById(this.tenants, tenantId);
    if (!entry) return null;
    return {
      id: entry._id,
      name: entry.name,
      autoAssignment: entry.autoAssignment ?? 'off',
      timeZone: entry.timeZone ?? 'UTC',
      agentAutoAwayMinutes: entry.agentAutoAwayMinutes ?? 15,
      businessHours: entry.businessHours ?? null,
      ...(entry.attachmentTypes ? { attachmentTypes: entry.attachmentTypes } : {}),
    };
  }

  async findChatbot(tenantId: string, chatbotId: string): Promise<ChatbotRecord | null> {
    const key = redisKeys.chatbot(tenantId, chatbotId);
    const cached = await this.redis.get(key).catch(() => null);
    if (cached) {
      const { preChatForm, ...record } = JSON.parse(cached) as ChatbotEntry & { id: string };
      return { ...record, journey: journeyOf({ journey: record.journey, preChatForm }) };
    }
    const entry = await findOwnById(this.chatbots, chatbotId);
    if (!entry || entry.deleted) return null;
    const { _id, syncedAt, preChatForm, ...rest } = entry;
    const record: ChatbotRecord = { id: _id, ...rest, journey: journeyOf(entry) };
    await this.redis
      .set(key, JSON.stringify(record), 'EX', CHATBOT_CACHE_SECONDS)
      .catch(() => undefined);
    return record;
  }

  async findAgent(agentId: string): Promise<AgentRecord | null> {
    const entry = await findOwnById(this.agents, agentId);
    if (!entry) return null;
    const { _id, ...rest } = entry;
    return { id: _id, ...rest, shifts: rest.shifts ?? [] };
  }

  /** The tenant's active agents who may take chats (whose queue chat pushes). */
  async activeAgents(): Promise<AgentRecord[]> {
    const entries = await this.agents.find({ status: 'active' }).lean();
    return entries
      .filter((entry) => entry.permissions.includes('chats:join'))
      .map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async tenantName(tenantId: string): Promise<string> {
    return (await this.findTenant(tenantId))?.name ?? 'Parley';
  }
}
