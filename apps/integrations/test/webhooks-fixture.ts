import { type EventDefinition, type PayloadOf } from '@app/contracts';
import {
  bearer,
  closeRawProducer,
  produceRaw,
  type SignedIn,
  startTestService,
  TestDirectory,
  type TestService,
  TestTokenIssuer,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type IntegrationsConfig } from '../src/integrations.config';
import { integrationsService } from '../src/integrations.service-definition';

/** Names that stand in for DNS in these tests (WEBHOOK_DNS_OVERRIDES). */
export const TEST_NAMES = {
  /** Resolves to a private address: refused. */
  internal: 'internal.parley.test',
  /** Resolves to this machine, whose loopback the tests allow. */
  local: 'local.parley.test',
};

/**
 * The integrations service, started for real, with a token issuer and a directory in the
 * tenant service's place. Loopback is allowed (the receivers listen there) and retries are
 * quick, unless a test says otherwise.
 */
export class WebhooksFixture {
  readonly directory: TestDirectory;
  private clock = Date.now();

  private constructor(
    private readonly tokens: TestTokenIssuer,
    public service: TestService<IntegrationsConfig>,
  ) {
    this.directory = new TestDirectory(tokens);
  }

  static async start(overrides: Record<string, string> = {}): Promise<WebhooksFixture> {
    const tokens = await TestTokenIssuer.start();
    const service = await startTestService(integrationsService, {
      ...WebhooksFixture.settings(tokens),
      ...overrides,
    });
    return new WebhooksFixture(tokens, service);
  }

  private static settings(tokens: TestTokenIssuer): Record<string, string> {
    return {
      ...tokens.env,
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      WEBHOOK_DNS_OVERRIDES: `${TEST_NAMES.internal}=10.0.0.1,${TEST_NAMES.local}=127.0.0.1`,
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_SWEEP_MS: '100',
    };
  }

  /** What another service started beside it needs to accept the same tokens. */
  get tokenEnv(): Record<string, string> {
    return this.tokens.env;
  }

  /**
   * Stops the service and starts it again on the same database with other settings, doing
   * `whileStopped` in between.
   */
  async restart(
    overrides: Record<string, string>,
    whileStopped: () => Promise<void> = async () => {},
  ): Promise<void> {
    const { MONGO_DB, KAFKA_CONSUMER_GROUP } = this.service.config;
    await this.service.close({ keepDatabase: true });
    await whileStopped();
    this.service = await startTestService(
      integrationsService,
      { ...WebhooksFixture.settings(this.tokens), MONGO_DB, KAFKA_CONSUMER_GROUP, ...overrides },
      { consumeHistory: true },
    );
  }

  api(token: string) {
    const url = this.service.url;
    const auth = bearer(token);
    return {
      get: (path: string) => request(url).get(`/api/integrations${path}`).set(auth),
      post: (path: string, body?: object) =>
        request(url)
          .post(`/api/integrations${path}`)
          .set(auth)
          .send(body ?? {}),
      patch: (path: string, body: object) =>
        request(url).patch(`/api/integrations${path}`).set(auth).send(body),
      delete: (path: string) => request(url).delete(`/api/integrations${path}`).set(auth),
    };
  }

  /** Registers an endpoint; answers it with its secret. */
  async endpoint(
    admin: SignedIn,
    url: string,
    events: string[] = ['*'],
  ): Promise<{ id: string; secret: string }> {
    const created = await this.api(admin.accessToken)
      .post('/webhooks', { url, events })
      .expect(201);
    return created.body as { id: string; secret: string };
  }

  /**
   * Publishes a chat event as the chat service does (keyed by the room), each a millisecond
   * after the one before (or when `occurredAt` says); answers its envelope's id.
   */
  async publish<D extends EventDefinition>(
    definition: D,
    tenantId: string,
    payload: PayloadOf<D>,
    occurredAt?: Date,
  ): Promise<string> {
    this.clock = Math.max(this.clock + 1, Date.now());
    const event = definition.envelope.parse({
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      tenantId,
      occurredAt: (occurredAt ?? new Date(this.clock)).toISOString(),
      payload,
    });
    const key = (payload as { roomId?: string }).roomId ?? tenantId;
    await produceRaw(definition.topic, key, JSON.stringify(event));
    return event.id;
  }

  async close(): Promise<void> {
    await this.service.close();
    await Promise.all([this.tokens.stop(), closeRawProducer()]);
  }
}

/** A `chat.message.sent.v1` payload of a room, as chat publishes it (no text). */
export function messageSent(roomId: string, seq: number) {
  return {
    roomId,
    chatbotId: 'chatbot-1',
    messageId: randomUUID(),
    seq,
    sender: { type: 'visitor' as const },
    length: 12,
    sentAt: new Date().toISOString(),
  };
}
