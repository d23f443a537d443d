import {
  closeRawProducer,
  eventually,
  type ServiceProcess,
  type SignedIn,
  spawnService,
  TestDirectory,
  TestTokenIssuer,
  uniqueSuffix,
} from '@app/testing';
import request from 'supertest';
import { type ChatSocket, connectSocket, SITE } from './chat-fixture';

/**
 * Two chat replicas as processes of their own (built, from `dist/`) sharing a database and a
 * consumer group, with the tenant service's part played in-process by a token issuer and a
 * directory: for tests that kill a replica.
 */
export class SpawnedChat {
  private readonly sockets: ChatSocket[] = [];
  readonly directory: TestDirectory;

  private constructor(
    private readonly tokens: TestTokenIssuer,
    readonly replicas: ServiceProcess[],
    private readonly env: Record<string, string>,
  ) {
    this.directory = new TestDirectory(tokens);
  }

  static async start(env: Record<string, string> = {}): Promise<SpawnedChat> {
    const tokens = await TestTokenIssuer.start();
    const shared = {
      ...tokens.env,
      MONGO_DB: `test_chat_${uniqueSuffix()}`,
      KAFKA_CONSUMER_GROUP: `test-chat-${uniqueSuffix()}`,
      ...env,
    };
    const replicas = [await spawnService('chat', shared), await spawnService('chat', shared)];
    return new SpawnedChat(tokens, replicas, shared);
  }

  /** Kills a replica (`kill -9`) and starts another in its place, as a restart after a crash. */
  async restart(index: number): Promise<ServiceProcess> {
    await this.replicas[index].kill();
    this.replicas[index] = await spawnService('chat', this.env);
    return this.replicas[index];
  }

  async connect(url: string, namespace: string, auth: object): Promise<ChatSocket> {
    const socket = await connectSocket(url, namespace, auth);
    this.sockets.push(socket);
    return socket;
  }

  /** A new tenant with a chatbot, and a widget session opened on `url` once chat knows it. */
  async session(
    url: string,
    visitor: { name: string; email: string },
  ): Promise<{ admin: SignedIn; roomId: string; visitorToken: string }> {
    const admin = await this.directory.signup();
    const chatbot = await this.directory.chatbot(admin.tenant.id, {
      name: 'H',
      allowedOrigins: [SITE],
    });
    const session = await eventually(async () => {
      const response = await request(url)
        .post('/api/chat/widget/sessions')
        .set('Origin', SITE)
        .send({
          tenantId: admin.tenant.id,
          chatbotId: chatbot.id,
          apiKey: chatbot.apiKey,
          ...visitor,
        });
      if (response.status !== 201) throw new Error(`not yet: ${response.status}`);
      return response.body as { roomId: string; visitorToken: string };
    });
    return { admin, ...session };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect();
    await Promise.all([...this.replicas.map((replica) => replica.kill()), closeRawProducer()]);
    await this.tokens.stop();
  }
}
