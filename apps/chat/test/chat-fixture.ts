import {
  type AgentPresenceUpdate,
  type ChatMessage,
  type ClientToServerEvents,
  type QueuePage,
  type RoomSummary,
  type ServerToClientEvents,
} from '@app/contracts';
import {
  closeRawProducer,
  eventually,
  someIp,
  type SignedIn,
  startTestService,
  type TestChatbot,
  TestDirectory,
  type TestService,
  TestTokenIssuer,
  uniqueSuffix,
} from '@app/testing';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { type ChatConfig } from '../src/chat.config';
import { chatService } from '../src/chat.service-definition';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const SITE = 'https://shop.example';

/**
 * A socket.io client of a chat namespace at `url` (a replica or nginx), connected: by default
 * on WebSocket, without reconnecting (tests reconnect on purpose, with the state they choose).
 */
export function connectSocket(
  url: string,
  namespace: string,
  auth: object,
  options: {
    transports?: ('websocket' | 'polling')[];
    query?: Record<string, string>;
    /** Listens before the connection opens: events sent right after it are not missed. */
    listen?: (socket: ChatSocket) => void;
  } = {},
): Promise<ChatSocket> {
  const socket: ChatSocket = io(`${url}/${namespace}`, {
    path: '/socket.io',
    auth,
    transports: options.transports ?? ['websocket'],
    ...(options.query ? { query: options.query } : {}),
    reconnection: false,
    forceNew: true,
    // An ack that never comes fails the step that waited for it, not the whole test at its timeout.
    ackTimeout: 15_000,
  });
  options.listen?.(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/**
 * The chat service started for real, with the tenant service's part played by a token issuer
 * and a directory that announces tenants, agents and chatbots on Kafka, and clients that talk
 * to chat.
 */
export class ChatFixture {
  private readonly sockets: ChatSocket[] = [];
  readonly chats: TestService<ChatConfig>[] = [];
  readonly directory: TestDirectory;

  private constructor(readonly tokens: TestTokenIssuer) {
    this.directory = new TestDirectory(tokens);
  }

  static async start(
    options: { replicas?: number; overrides?: Record<string, string> } = {},
  ): Promise<ChatFixture> {
    const fixture = new ChatFixture(await TestTokenIssuer.start());
    const group = `test-chat-${uniqueSuffix()}`;
    const database = `test_chat_${uniqueSuffix()}`;
    for (let replica = 0; replica < (options.replicas ?? 1); replica += 1) {
      // Replicas of one deployment: same database, same consumer group.
      fixture.chats.push(
        await startTestService(chatService, {
          ...fixture.tokens.env,
          MONGO_DB: database,
          KAFKA_CONSUMER_GROUP: group,
          ...options.overrides,
        }),
      );
    }
    return fixture;
  }

  get chat(): TestService<ChatConfig> {
    return this.chats[0];
  }

  /** A tenant with a chatbot that chat already knows about (its events have arrived). */
  async tenantWithChatbot(): Promise<{ admin: SignedIn; chatbot: TestChatbot }> {
    const admin = await this.directory.signup();
    const chatbot = await this.directory.chatbot(admin.tenant.id, {
      name: 'Help',
      allowedOrigins: [SITE],
    });
    await eventually(async () => {
      // From an address of its own each time: tries before chat knows the chatbot count
      // against the address's session limit.
      const probe = await this.openSession(
        chatbot,
        { email: 'probe@example.test' },
        { ip: someIp() },
      );
      if (probe.status !== 201)
        throw new Error(`chat does not know the chatbot yet (${probe.status})`);
      await this.closeAsAgentIfPossible(admin, probe.body.roomId);
    });
    return { admin, chatbot };
  }

  openSession(
    chatbot: TestChatbot,
    visitor: Partial<{ name: string; email: string; answers: object; journeyVersion: number }> = {},
    options: { origin?: string; replica?: number; ip?: string; userAgent?: string } = {},
  ) {
    return request(this.chats[options.replica ?? 0].url)
      .post('/api/chat/widget/sessions')
      .set('Origin', options.origin ?? SITE)
      .set('X-Forwarded-For', options.ip ?? '203.0.113.7')
      .set(
        'User-Agent',
        options.userAgent ??
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      )
      .send({
        tenantId: chatbot.tenantId,
        chatbotId: chatbot.id,
        apiKey: chatbot.apiKey,
        name: visitor.name ?? 'Vera Visitor',
        email: visitor.email ?? `vera-${uniqueSuffix()}@example.test`,
        ...(visitor.answers ? { answers: visitor.answers } : {}),
        ...(visitor.journeyVersion ? { journeyVersion: visitor.journeyVersion } : {}),
      });
  }

  /**
   * An agent as the directory makes one (invited, then active), once chat has applied both
   * announcements: applying the invitation cuts the agent's sockets (an invited user takes no
   * chats), so a socket opened before chat caught up would be closed under the test.
   */
  async activeAgent(
    admin: SignedIn,
    fields?: Parameters<TestDirectory['agent']>[1],
  ): Promise<SignedIn> {
    const agent = await this.directory.agent(admin, fields);
    await eventually(async () => {
      const entry = await this.chat.db
        .collection('directory_agents')
        .findOne({ _id: agent.user.id as never });
      expect(entry?.status).toBe('active');
    });
    return agent;
  }

  /** Probe rooms are closed straight away so they do not crowd the queue. */
  private async closeAsAgentIfPossible(admin: SignedIn, roomId: string): Promise<void> {
    const agent = await this.agent(admin.accessToken);
    await agent.emitWithAck('room:close', { roomId, reason: 'resolved' });
    agent.disconnect();
  }

  async connect(
    namespace: 'visitor' | 'agent',
    auth: Record<string, unknown>,
    replica = 0,
    listen?: (socket: ChatSocket) => void,
  ): Promise<ChatSocket> {
    const socket = await connectSocket(this.chats[replica].url, namespace, auth, { listen });
    this.sockets.push(socket);
    return socket;
  }

  visitor(
    visitorToken: string,
    lastSeq?: number,
    replica = 0,
    listen?: (socket: ChatSocket) => void,
  ): Promise<ChatSocket> {
    return this.connect(
      'visitor',
      { token: visitorToken, ...(lastSeq !== undefined ? { lastSeq } : {}) },
      replica,
      listen,
    );
  }

  agent(accessToken: string, replica = 0): Promise<ChatSocket> {
    return this.connect('agent', { token: accessToken }, replica);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect();
    await Promise.all([...this.chats.map((chat) => chat.close()), closeRawProducer()]);
    await this.tokens.stop();
  }
}

/** Collects what a socket receives, to wait on and assert. */
export class Inbox {
  readonly messages: ChatMessage[] = [];
  readonly queues: RoomSummary[][] = [];
  readonly pages: QueuePage[] = [];
  readonly updates: Parameters<ServerToClientEvents['room:updated']>[0][] = [];
  readonly presence: AgentPresenceUpdate[] = [];

  constructor(socket: ChatSocket) {
    socket.on('message:new', (message) => this.messages.push(message));
    socket.on('queue:updated', (page) => {
      this.queues.push(page.rooms);
      this.pages.push(page);
    });
    socket.on('room:updated', (update) => this.updates.push(update));
    socket.on('agent:presence', (update) => this.presence.push(update));
  }

  bodies(roomId?: string): string[] {
    return this.messages
      .filter((message) => !roomId || message.roomId === roomId)
      .map((message) => message.body);
  }

  waitForMessage(predicate: (message: ChatMessage) => boolean): Promise<ChatMessage> {
    return eventually(() => {
      const found = this.messages.find(predicate);
      if (!found) throw new Error(`no such message among ${this.messages.length}`);
      return found;
    });
  }

  waitForPresence(agentId: string, status: AgentPresenceUpdate['status']) {
    return eventually(() => {
      const found = this.presence.find(
        (update) => update.agentId === agentId && update.status === status,
      );
      if (!found)
        throw new Error(`no ${status} for ${agentId} in ${JSON.stringify(this.presence)}`);
      return found;
    });
  }

  waitForUpdate(predicate: (update: Inbox['updates'][number]) => boolean) {
    return eventually(() => {
      const found = this.updates.find(predicate);
      if (!found) throw new Error(`no such room update among ${JSON.stringify(this.updates)}`);
      return found;
    });
  }
}
