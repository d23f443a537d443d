import { eventually, type ServiceProcess, spawnService, uniqueSuffix } from '@app/testing';
import request from 'supertest';
import { bearer, type SignedUp, TenantFixture } from '../../tenant/test/tenant-fixture';
import { type ChatSocket, connectSocket, SITE } from './chat-fixture';

/**
 * The tenant service in-process and two chat replicas as processes of their own (built, from
 * `dist/`) sharing a database and a consumer group: for tests that kill a replica.
 */
export class SpawnedChat {
  private readonly sockets: ChatSocket[] = [];

  private constructor(
    readonly tenant: TenantFixture,
    readonly replicas: ServiceProcess[],
  ) {}

  static async start(env: Record<string, string> = {}): Promise<SpawnedChat> {
    const tenant = await TenantFixture.start();
    const shared = {
      JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json`,
      MONGO_DB: `test_chat_${uniqueSuffix()}`,
      KAFKA_CONSUMER_GROUP: `test-chat-${uniqueSuffix()}`,
      ...env,
    };
    const replicas = [await spawnService('chat', shared), await spawnService('chat', shared)];
    return new SpawnedChat(tenant, replicas);
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
  ): Promise<{ admin: SignedUp; roomId: string; visitorToken: string }> {
    const admin = await this.tenant.signup();
    const chatbot = (
      await this.tenant
        .http()
        .post('/api/tenant/chatbots')
        .set(bearer(admin.accessToken))
        .send({ name: 'H', allowedOrigins: [SITE] })
        .expect(201)
    ).body;
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
    await Promise.all([...this.replicas.map((replica) => replica.kill()), this.tenant.close()]);
  }
}
