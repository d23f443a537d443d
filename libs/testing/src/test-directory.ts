import { newChatbotApiKey, PERMISSIONS, sha256 } from '@app/auth';
import {
  type AgentSnapshot,
  appearanceSchema,
  emptyJourney,
  CategoryCreatedV1,
  CategoryDeletedV1,
  ChatbotCreatedV1,
  ChatbotKeyRotatedV1,
  type ChatbotSnapshot,
  ChatbotUpdatedV1,
  DEFAULT_MAX_CONCURRENT_CHATS,
  type EventDefinition,
  type PayloadOf,
  LabelCreatedV1,
  LabelDeletedV1,
  SlaPolicyCreatedV1,
  type SlaPolicySnapshot,
  SlaPolicyDeletedV1,
  TeamCreatedV1,
  TeamDeletedV1,
  type TeamSnapshot,
  TeamUpdatedV1,
  TenantCreatedV1,
  type TenantSettings,
  TenantUpdatedV1,
  UserInvitedV1,
  UserUpdatedV1,
} from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { produceRaw } from './kafka-probe';
import { type SignedIn, type TestTokenIssuer } from './test-tokens';
import { uniqueSuffix } from './test-service';
import { uniqueEmail } from './test-values';

/** A chatbot as a widget knows it: the ids and the API key shown once at creation. */
export interface TestChatbot {
  id: string;
  tenantId: string;
  apiKey: string;
}

/** What the tenant service's built-in roles grant (its onboarding creates them with a tenant). */
const BUILT_IN_ROLES = {
  admin: { roles: ['Admin'], permissions: [...PERMISSIONS].sort() },
  agent: { roles: ['Agent'], permissions: ['chats:block', 'chats:join', 'chats:transfer'] },
};

/**
 * Announces tenants, users and chatbots on Kafka as the tenant service does, for the services
 * that keep a read model of them (chat, email, analytics), and signs their users in with the
 * test issuer: a test gets "a tenant with an admin and a chatbot" without booting the tenant
 * service. Each event is checked against its contract before it is sent.
 */
export class TestDirectory {
  private readonly users = new Map<string, { tenantId: string; snapshot: AgentSnapshot }>();
  private readonly chatbots = new Map<string, ChatbotSnapshot>();
  private readonly settings = new Map<string, TenantSettings>();

  constructor(private readonly tokens: TestTokenIssuer) {}

  /** A new tenant and its admin, announced as a sign-up is: the tenant, then the admin. */
  async signup(tenantName = `Tenant ${uniqueSuffix()}`): Promise<SignedIn> {
    const tenantId = randomUUID();
    const createdAt = new Date().toISOString();
    await publish(TenantCreatedV1, tenantId, { tenantId, name: tenantName, createdAt });
    this.settings.set(tenantId, {
      name: tenantName,
      brandColor: '#2563eb',
      autoAssignment: 'off',
      timeZone: 'UTC',
      agentAutoAwayMinutes: 15,
      businessHours: null,
    });
    return this.addUser(tenantId, UserUpdatedV1, {
      name: 'Ada Admin',
      email: uniqueEmail(),
      ...BUILT_IN_ROLES.admin,
    });
  }

  /** An agent of the admin's tenant who accepted the invitation: announced, active, signed in. */
  async agent(
    admin: SignedIn,
    fields: Partial<Pick<AgentSnapshot, 'name' | 'email' | 'maxConcurrentChats' | 'shifts'>> = {},
  ): Promise<SignedIn> {
    const agent = await this.addUser(admin.tenant.id, UserInvitedV1, {
      name: 'Alan Agent',
      email: uniqueEmail('agent'),
      ...BUILT_IN_ROLES.agent,
      ...fields,
      status: 'invited',
    });
    await this.updateUser(agent, { status: 'active' });
    return agent;
  }

  /** A change to a user (status, permissions, capacity, name), announced with the full state. */
  async updateUser(
    user: SignedIn,
    changes: Partial<Omit<AgentSnapshot, 'userId' | 'email'>>,
  ): Promise<void> {
    const known = this.users.get(user.user.id);
    if (!known) throw new Error(`user ${user.user.id} was not made by this directory`);
    known.snapshot = { ...known.snapshot, ...changes };
    await publish(UserUpdatedV1, known.tenantId, known.snapshot);
  }

  /**
   * A new access token for a user this directory made, stating their current state, as a
   * refresh hands out (`lifetimeSeconds`: a short one, to see it expire).
   */
  reissue(user: SignedIn, lifetimeSeconds?: number): string {
    const known = this.users.get(user.user.id);
    if (!known) throw new Error(`user ${user.user.id} was not made by this directory`);
    const { userId, name, email, roles, permissions } = known.snapshot;
    return this.tokens.issue(
      { sub: userId, tid: known.tenantId, name, email, roles, perms: permissions },
      lifetimeSeconds,
    );
  }

  /** A chatbot with a fresh API key, announced with the key's hash as the tenant service does. */
  async chatbot(
    tenantId: string,
    fields: { name?: string; allowedOrigins: string[] } & Partial<
      Pick<ChatbotSnapshot, 'appearance' | 'journey' | 'preChatForm' | 'offlineWhen'>
    >,
  ): Promise<TestChatbot> {
    const apiKey = newChatbotApiKey();
    const snapshot: ChatbotSnapshot = {
      chatbotId: randomUUID(),
      name: fields.name ?? 'Help',
      allowedOrigins: fields.allowedOrigins,
      appearance: fields.appearance ?? appearanceSchema.parse({}),
      // A flat form is announced as events from before journeys were: without a journey.
      ...(fields.preChatForm
        ? { preChatForm: fields.preChatForm }
        : { journey: fields.journey ?? emptyJourney() }),
      apiKeySha256: sha256(apiKey),
      identitySecretSealed: null,
      requireVerifiedIdentity: false,
      offlineWhen: fields.offlineWhen ?? 'outside-hours',
    };
    this.chatbots.set(snapshot.chatbotId, await publish(ChatbotCreatedV1, tenantId, snapshot));
    return { id: snapshot.chatbotId, tenantId, apiKey };
  }

  async updateChatbot(
    chatbot: TestChatbot,
    changes: Partial<
      Pick<
        ChatbotSnapshot,
        | 'name'
        | 'allowedOrigins'
        | 'appearance'
        | 'journey'
        | 'preChatForm'
        | 'identitySecretSealed'
        | 'requireVerifiedIdentity'
        | 'offlineWhen'
      >
    >,
  ): Promise<void> {
    const { journey, preChatForm, ...rest } = this.chatbotSnapshot(chatbot);
    const snapshot = {
      ...rest,
      ...(changes.preChatForm || changes.journey ? {} : { journey, preChatForm }),
      ...changes,
    };
    this.chatbots.set(chatbot.id, await publish(ChatbotUpdatedV1, chatbot.tenantId, snapshot));
  }

  /** A new key replacing the old one at once, as `POST /chatbots/:id/api-key` does. */
  async rotateKey(chatbot: TestChatbot): Promise<TestChatbot> {
    const apiKey = newChatbotApiKey();
    const snapshot = { ...this.chatbotSnapshot(chatbot), apiKeySha256: sha256(apiKey) };
    this.chatbots.set(chatbot.id, await publish(ChatbotKeyRotatedV1, chatbot.tenantId, snapshot));
    return { ...chatbot, apiKey };
  }

  /** A category of the tenant's list, announced as `POST /categories` does; its id. */
  async category(tenantId: string, name: string): Promise<string> {
    const categoryId = randomUUID();
    await publish(CategoryCreatedV1, tenantId, { categoryId, name });
    return categoryId;
  }

  async deleteCategory(tenantId: string, categoryId: string): Promise<void> {
    await publish(CategoryDeletedV1, tenantId, { categoryId });
  }

  /** A team, announced as `POST /teams` does. */
  async team(
    tenantId: string,
    fields: Pick<TeamSnapshot, 'name'> &
      Partial<Pick<TeamSnapshot, 'memberIds' | 'categoryIds' | 'businessHours'>>,
  ): Promise<TeamSnapshot> {
    return publish(TeamCreatedV1, tenantId, {
      teamId: randomUUID(),
      memberIds: [],
      categoryIds: [],
      createdAt: new Date().toISOString(),
      ...fields,
    });
  }

  async updateTeam(tenantId: string, team: TeamSnapshot): Promise<void> {
    await publish(TeamUpdatedV1, tenantId, team);
  }

  async deleteTeam(tenantId: string, teamId: string): Promise<void> {
    await publish(TeamDeletedV1, tenantId, { teamId });
  }

  /** A label of the tenant's list, announced as `POST /labels` does; its id. */
  async label(tenantId: string, name: string, color = '#2563eb'): Promise<string> {
    const labelId = randomUUID();
    await publish(LabelCreatedV1, tenantId, { labelId, name, color });
    return labelId;
  }

  async deleteLabel(tenantId: string, labelId: string): Promise<void> {
    await publish(LabelDeletedV1, tenantId, { labelId });
  }

  /** An SLA policy, announced as `POST /sla-policies` does (any category or team by default). */
  async slaPolicy(
    tenantId: string,
    fields: Pick<SlaPolicySnapshot, 'priority' | 'firstResponseSeconds' | 'resolutionSeconds'> &
      Partial<SlaPolicySnapshot>,
  ): Promise<SlaPolicySnapshot> {
    return publish(SlaPolicyCreatedV1, tenantId, {
      policyId: randomUUID(),
      name: `SLA ${fields.priority}`,
      categoryId: null,
      teamId: null,
      escalation: { action: 'none' },
      ...fields,
    });
  }

  async deleteSlaPolicy(tenantId: string, policyId: string): Promise<void> {
    await publish(SlaPolicyDeletedV1, tenantId, { policyId });
  }

  /** Workspace settings changed by an admin (`PATCH /settings`). */
  async updateSettings(tenantId: string, changes: Partial<TenantSettings>): Promise<void> {
    const current = this.settings.get(tenantId);
    if (!current) throw new Error(`tenant ${tenantId} was not made by this directory`);
    const settings = { ...current, ...changes };
    this.settings.set(tenantId, settings);
    await publish(TenantUpdatedV1, tenantId, {
      ...settings,
      tenantId,
      updatedAt: new Date().toISOString(),
    });
  }

  private async addUser(
    tenantId: string,
    announcement: typeof UserInvitedV1 | typeof UserUpdatedV1,
    fields: Omit<AgentSnapshot, 'userId' | 'status' | 'maxConcurrentChats' | 'shifts'> &
      Partial<Pick<AgentSnapshot, 'status' | 'maxConcurrentChats' | 'shifts'>>,
  ): Promise<SignedIn> {
    const snapshot: AgentSnapshot = {
      userId: randomUUID(),
      status: 'active',
      maxConcurrentChats: DEFAULT_MAX_CONCURRENT_CHATS,
      shifts: [],
      ...fields,
    };
    this.users.set(snapshot.userId, { tenantId, snapshot });
    await publish(announcement, tenantId, snapshot);
    const { userId, name, email, roles, permissions } = snapshot;
    return {
      accessToken: this.tokens.issue({
        sub: userId,
        tid: tenantId,
        name,
        email,
        roles,
        perms: permissions,
      }),
      user: { id: userId, email, name, roles },
      tenant: { id: tenantId, name: this.settings.get(tenantId)?.name ?? '' },
    };
  }

  private chatbotSnapshot(chatbot: TestChatbot): ChatbotSnapshot {
    const snapshot = this.chatbots.get(chatbot.id);
    if (!snapshot) throw new Error(`chatbot ${chatbot.id} was not made by this directory`);
    return snapshot;
  }
}

let lastOccurredAt = 0;

/**
 * Read models apply an event only if it is newer than the state they hold (applyIfNewer), so
 * two events about one thing must not share a millisecond, as they could when a test sends them.
 */
function nextOccurredAt(): string {
  lastOccurredAt = Math.max(Date.now(), lastOccurredAt + 1);
  return new Date(lastOccurredAt).toISOString();
}

/** Sends one event, keyed by tenant as every tenant event is; returns the payload as checked. */
async function publish<D extends EventDefinition>(
  definition: D,
  tenantId: string,
  payload: PayloadOf<D>,
): Promise<PayloadOf<D>> {
  const event = definition.envelope.parse({
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    tenantId,
    occurredAt: nextOccurredAt(),
    payload,
  });
  await produceRaw(definition.topic, tenantId, JSON.stringify(event));
  return event.payload as PayloadOf<D>;
}
