import { newChatbotApiKey, newIdentitySecret, seal, sha256, unseal } from '@app/auth';
import { TenantContext } from '@app/tenancy';
import { InjectConfig } from '@app/config';
import {
  ChatbotCreatedV1,
  ChatbotDeletedV1,
  ChatbotKeyRotatedV1,
  type ChatbotSnapshot,
  ChatbotUpdatedV1,
  emptyJourney,
  type EventDefinition,
  type Journey,
  journeyFromPreChatForm,
  type JourneyEnd,
  type JourneyInput,
  type OfflineWhen,
  type PreChatForm,
  preChatFormOf,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { AppHttpError, type FieldError, InvalidFieldsError } from '@app/platform';
import { Injectable, NotFoundException } from '@nestjs/common';
import { CategoriesService } from '../categories/categories.service';
import { TeamsService } from '../teams/teams.service';
import { type TenantConfig } from '../tenant.config';
import { KEPT_JOURNEY_VERSIONS } from './chatbot.schema';
import { type ChatbotFields, type ChatbotRecord, ChatbotsRepository } from './chatbots.repository';

/** A chatbot as an admin sends it: a journey, or (deprecated) the flat form of before. */
export type ChatbotInput = Omit<ChatbotFields, 'journey'> & {
  journey?: JourneyInput;
  preChatForm?: PreChatForm;
};

export interface ChatbotView {
  id: string;
  tenantId: string;
  name: string;
  allowedOrigins: string[];
  appearance: ChatbotRecord['appearance'];
  journey: Journey;
  apiKeyPrefix: string | null;
  /** Whether the chatbot has an identity secret, so visitors' emails can be verified. */
  identityVerification: boolean;
  requireVerifiedIdentity: boolean;
  offlineWhen: OfflineWhen;
  createdAt: Date;
  updatedAt: Date;
}

/** Only in the answers to creation and rotation: the key is never shown again. */
export interface ChatbotWithKey extends ChatbotView {
  apiKey: string;
  embedSnippet: string;
}

const notFound = () => new NotFoundException('chatbot not found');
const noIdentitySecret = () =>
  new AppHttpError(
    409,
    'identity_secret_missing',
    'the chatbot has no identity secret: create one first (POST /chatbots/:id/identity-secret)',
  );

@Injectable()
export class ChatbotsService {
  constructor(
    private readonly chatbots: ChatbotsRepository,
    private readonly events: EventPublisher,
    private readonly categories: CategoriesService,
    private readonly teams: TeamsService,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  async create({ journey, preChatForm, ...fields }: ChatbotInput): Promise<ChatbotWithKey> {
    if (journey) await this.checkRouting(journey);
    const apiKey = newChatbotApiKey();
    const chatbot = await this.chatbots.create({
      ...fields,
      journey: numbered(journey, preChatForm, 1),
      ...apiKeyFields(apiKey),
    });
    await this.announce(ChatbotCreatedV1, chatbot);
    return this.withKey(chatbot, apiKey);
  }

  async list(): Promise<ChatbotView[]> {
    return (await this.chatbots.list()).map(view);
  }

  async get(id: string): Promise<ChatbotView> {
    return view(await this.require(id));
  }

  /**
   * A new journey gets the next version; the one it replaces is kept, for rooms that walked it.
   * Two admins saving at once may both get the same version: the last save wins, as for names.
   */
  async update(
    id: string,
    { journey, preChatForm, ...changes }: Partial<ChatbotInput>,
  ): Promise<ChatbotView> {
    const current = await this.require(id);
    if (changes.requireVerifiedIdentity && !current.identitySecretSealed) throw noIdentitySecret();
    if (journey) await this.checkRouting(journey);
    const replacesJourney = journey !== undefined || preChatForm !== undefined;
    const updated = await this.chatbots.update(id, {
      ...changes,
      ...(replacesJourney && {
        journey: numbered(journey, preChatForm, current.journey.version + 1),
        journeyHistory: [current.journey, ...current.journeyHistory].slice(
          0,
          KEPT_JOURNEY_VERSIONS,
        ),
      }),
    });
    if (!updated) throw notFound();
    await this.announce(ChatbotUpdatedV1, updated);
    return view(updated);
  }

  /** A new key replaces the old one at once: widgets with the old key are refused. */
  async rotateKey(id: string): Promise<ChatbotWithKey> {
    await this.require(id);
    const apiKey = newChatbotApiKey();
    const updated = (await this.chatbots.update(id, apiKeyFields(apiKey)))!;
    await this.announce(ChatbotKeyRotatedV1, updated);
    return this.withKey(updated, apiKey);
  }

  async revokeKey(id: string): Promise<ChatbotView> {
    await this.require(id);
    const updated = (await this.chatbots.update(id, { apiKeySha256: null, apiKeyPrefix: null }))!;
    await this.announce(ChatbotKeyRotatedV1, updated);
    return view(updated);
  }

  /** The identity secret, for an admin to put in the tenant's backend. */
  async identitySecret(id: string): Promise<{ identitySecret: string }> {
    const chatbot = await this.require(id);
    if (!chatbot.identitySecretSealed) throw noIdentitySecret();
    return {
      identitySecret: unseal(
        chatbot.identitySecretSealed,
        this.config.NOTIFICATION_SEAL_KEY,
        'identity-secret',
      ),
    };
  }

  /** A new identity secret replaces the old one at once: hashes made with the old one fail. */
  async rotateIdentitySecret(id: string): Promise<{ identitySecret: string }> {
    await this.require(id);
    const identitySecret = newIdentitySecret();
    const updated = (await this.chatbots.update(id, {
      identitySecretSealed: seal(
        identitySecret,
        this.config.NOTIFICATION_SEAL_KEY,
        'identity-secret',
      ),
    }))!;
    await this.announce(ChatbotUpdatedV1, updated);
    return { identitySecret };
  }

  /** Verification off: no secret, and sessions are no longer required to be verified. */
  async removeIdentitySecret(id: string): Promise<ChatbotView> {
    await this.require(id);
    const updated = (await this.chatbots.update(id, {
      identitySecretSealed: null,
      requireVerifiedIdentity: false,
    }))!;
    await this.announce(ChatbotUpdatedV1, updated);
    return view(updated);
  }

  /**
   * 400 naming `journey.nodes.<id>.category` or `.teamId` for an end that sends rooms to a
   * category or team the workspace does not have: nobody could read or serve such a room.
   */
  private async checkRouting(journey: JourneyInput): Promise<void> {
    const ends = journey.nodes.filter((node): node is JourneyEnd => node.type === 'end');
    const categoryIds = ends.flatMap((end) => (end.category ? [end.category] : []));
    const teamIds = ends.flatMap((end) => (end.teamId ? [end.teamId] : []));
    const unknownCategories = new Set(await this.categories.unknown(categoryIds));
    const knownTeams = new Set(
      teamIds.length > 0 ? (await this.teams.list()).map((team) => team.id) : [],
    );
    const errors: FieldError[] = [];
    for (const end of ends) {
      if (end.category && unknownCategories.has(end.category))
        errors.push({
          field: `journey.nodes.${end.id}.category`,
          message: `"${end.category}" is no category of this workspace`,
        });
      if (end.teamId && !knownTeams.has(end.teamId))
        errors.push({
          field: `journey.nodes.${end.id}.teamId`,
          message: `"${end.teamId}" is no team of this workspace`,
        });
    }
    if (errors.length > 0) throw new InvalidFieldsError(errors);
  }

  /** The journey of one version, current or kept, to explain the path a room recorded. */
  async journeyVersion(id: string, version: number): Promise<Journey> {
    const chatbot = await this.require(id);
    const journey = [chatbot.journey, ...chatbot.journeyHistory].find(
      (candidate) => candidate.version === version,
    );
    if (!journey) throw new NotFoundException('no such journey version kept');
    return journey;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.chatbots.delete(id))) throw notFound();
    await this.events.publish(ChatbotDeletedV1, {
      tenantId: TenantContext.current(),
      payload: { chatbotId: id },
    });
  }

  /** The one line a tenant pastes into its site. */
  embedSnippet(chatbot: Pick<ChatbotRecord, 'id' | 'tenantId'>, apiKey: string): string {
    const attribute = (name: string, value: string) => `${name}="${escapeAttribute(value)}"`;
    return [
      `<script src="${escapeAttribute(`${this.config.PUBLIC_URL}/widget.js`)}"`,
      attribute('data-tenant-id', chatbot.tenantId),
      attribute('data-chatbot-id', chatbot.id),
      attribute('data-api-key', apiKey),
      'async></script>',
    ].join(' ');
  }

  private async require(id: string): Promise<ChatbotRecord> {
    const chatbot = await this.chatbots.findById(id);
    if (!chatbot) throw notFound();
    return chatbot;
  }

  private withKey(chatbot: ChatbotRecord, apiKey: string): ChatbotWithKey {
    return { ...view(chatbot), apiKey, embedSnippet: this.embedSnippet(chatbot, apiKey) };
  }

  private async announce(definition: EventDefinition, chatbot: ChatbotRecord): Promise<void> {
    await this.events.publish(definition, {
      tenantId: chatbot.tenantId,
      payload: snapshot(chatbot),
    });
  }
}

function numbered(
  journey: JourneyInput | undefined,
  preChatForm: PreChatForm | undefined,
  version: number,
): Journey {
  if (journey) return { version, ...journey };
  return preChatForm ? journeyFromPreChatForm(preChatForm, version) : emptyJourney(version);
}

function apiKeyFields(apiKey: string) {
  return { apiKeySha256: sha256(apiKey), apiKeyPrefix: apiKey.slice(0, 10) };
}

function snapshot(chatbot: ChatbotRecord): ChatbotSnapshot {
  const flatForm = preChatFormOf(chatbot.journey);
  return {
    chatbotId: chatbot.id,
    name: chatbot.name,
    allowedOrigins: chatbot.allowedOrigins,
    appearance: chatbot.appearance,
    journey: chatbot.journey,
    // Consumers from before journeys read the flat form, while a linear journey still is one.
    ...(flatForm && { preChatForm: flatForm }),
    apiKeySha256: chatbot.apiKeySha256,
    identitySecretSealed: chatbot.identitySecretSealed ?? null,
    requireVerifiedIdentity: chatbot.requireVerifiedIdentity ?? false,
    offlineWhen: chatbot.offlineWhen ?? 'outside-hours',
  };
}

function view(chatbot: ChatbotRecord): ChatbotView {
  return {
    id: chatbot.id,
    tenantId: chatbot.tenantId,
    name: chatbot.name,
    allowedOrigins: chatbot.allowedOrigins,
    appearance: chatbot.appearance,
    journey: chatbot.journey,
    apiKeyPrefix: chatbot.apiKeyPrefix,
    identityVerification: Boolean(chatbot.identitySecretSealed),
    requireVerifiedIdentity: chatbot.requireVerifiedIdentity ?? false,
    offlineWhen: chatbot.offlineWhen ?? 'outside-hours',
    createdAt: chatbot.createdAt,
    updatedAt: chatbot.updatedAt,
  };
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
