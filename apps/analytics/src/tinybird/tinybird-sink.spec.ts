import {
  ChatroomCreatedV1,
  type EventEnvelope,
  MessageSentV1,
  TenantCreatedV1,
} from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { FakeTinybird } from '../../test/fake-tinybird';
import {
  TinybirdRejectedError,
  type SinkRetry,
  TinybirdSink,
  TinybirdSinkStoppedError,
  TinybirdUnavailableError,
  type TinybirdSinkOptions,
} from './tinybird-sink';

function messageSent(index: number, roomId = 'room-1'): EventEnvelope {
  const sentAt = new Date(Date.UTC(2024, 2, 1, 9, 0, index)).toISOString();
  return {
    id: randomUUID(),
    type: MessageSentV1.type,
    version: MessageSentV1.version,
    tenantId: 'tenant-a',
    occurredAt: sentAt,
    payload: {
      roomId,
      chatbotId: 'bot-1',
      messageId: `message-${index}`,
      seq: index + 1,
      sender: { type: 'agent', id: 'agent-ann' },
      length: 12,
      sentAt,
    },
  };
}

const messages = (count: number) => Array.from({ length: count }, (_, index) => messageSent(index));

describe('TinybirdSink', () => {
  let tinybird: FakeTinybird;
  const sinks: TinybirdSink[] = [];

  beforeEach(async () => {
    tinybird = await FakeTinybird.start();
  });

  afterEach(async () => {
    for (const sink of sinks.splice(0)) sink.stop();
    await tinybird.close();
  });

  function sinkFor(options: Partial<TinybirdSinkOptions> = {}): TinybirdSink {
    const sink = new TinybirdSink({
      url: tinybird.url,
      token: tinybird.token,
      retryDelaysMs: [10, 20, 40],
      ...options,
    });
    sinks.push(sink);
    return sink;
  }

  const storedIds = () => tinybird.rows().map((row) => row.event_id);

  it('posts the events as NDJSON rows of parley_events with the bearer token, once written', async () => {
    const created: EventEnvelope = {
      id: randomUUID(),
      type: ChatroomCreatedV1.type,
      version: ChatroomCreatedV1.version,
      tenantId: 'tenant-a',
      occurredAt: '2024-03-01T09:00:00.250Z',
      payload: {
        roomId: 'room-1',
        chatbotId: 'bot-1',
        displayId: 7,
        visitor: {
          name: 'Vi',
          email: 'vi@example.com',
          ip: '203.0.113.9',
          browser: { name: 'Firefox' },
        },
        answers: { topic: 'billing', phone: '+33 6 12 34 56 78' },
        category: 'billing',
        createdAt: '2024-03-01T09:00:00.000Z',
      },
    };
    const tenantCreated: EventEnvelope = {
      id: randomUUID(),
      type: TenantCreatedV1.type,
      version: TenantCreatedV1.version,
      tenantId: 'tenant-a',
      occurredAt: '2024-03-01T08:00:00.000Z',
      payload: { tenantId: 'tenant-a', name: 'Acme' },
    };
    const message = messageSent(5);

    const result = await sinkFor().send([created, message, tenantCreated]);

    expect(result).toEqual({ rows: 3, quarantinedRows: 0 });
    expect(tinybird.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v0/events',
        params: { name: 'parley_events', wait: 'true' },
        contentType: 'application/x-ndjson',
        status: 200,
        lines: 3,
      }),
    ]);
    const [createdRow, messageRow, tenantRow] = tinybird.rows();
    expect(createdRow).toMatchObject({
      event_id: created.id,
      type: 'chat.chatroom.created',
      tenant_id: 'tenant-a',
      occurred_at: '2024-03-01 09:00:00.250',
      happened_at: '2024-03-01 09:00:00.000',
      room_id: 'room-1',
      chatbot_id: 'bot-1',
      category: 'billing',
      room_created_at: null,
    });
    // The visitor's identity and pre-chat answers do not leave Parley.
    expect(JSON.parse(createdRow.payload)).toEqual({
      roomId: 'room-1',
      chatbotId: 'bot-1',
      displayId: 7,
      visitor: { browser: { name: 'Firefox' } },
      category: 'billing',
      createdAt: '2024-03-01T09:00:00.000Z',
    });
    expect(messageRow).toMatchObject({
      type: 'chat.message.sent',
      happened_at: '2024-03-01 09:00:05.000',
      sender_type: 'agent',
      agent_id: 'agent-ann',
    });
    expect(JSON.parse(messageRow.payload)).toEqual(message.payload);
    expect(tenantRow).toMatchObject({
      type: 'tenant.tenant.created',
      happened_at: '2024-03-01 08:00:00.000',
      room_id: '',
      chatbot_id: '',
      payload: '{}',
    });
  });

  it('waits out a 429 for its Retry-After, then writes every row exactly once', async () => {
    tinybird.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const events = messages(20);

    await sinkFor().send(events);

    expect(tinybird.requests.map((request) => request.status)).toEqual([429, 200]);
    const [limited, accepted] = tinybird.requests;
    // Retry-After 1 rather than the 10 ms backoff; generous bounds, this is not a timing test.
    expect(accepted.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(900);
    expect(accepted.receivedAt - limited.receivedAt).toBeLessThan(10_000);
    expect(storedIds()).toEqual(events.map((event) => event.id));
  });

  it('caps a long Retry-After at maxRetryDelayMs', async () => {
    tinybird.failNext(1, { status: 429, retryAfterSeconds: 3600 });
    const retries: SinkRetry[] = [];

    await sinkFor({ maxRetryDelayMs: 50, onRetry: (retry) => retries.push(retry) }).send(
      messages(1),
    );

    expect(retries).toEqual([{ attempt: 1, delayMs: 50, reason: '429' }]);
    expect(tinybird.rows()).toHaveLength(1);
  });

  it('retries through two 503s and reports each retry', async () => {
    tinybird.failNext(2, { status: 503 });
    const retries: SinkRetry[] = [];
    const events = messages(3);

    await sinkFor({ onRetry: (retry) => retries.push(retry) }).send(events);

    expect(tinybird.requests.map((request) => request.status)).toEqual([503, 503, 200]);
    expect(retries).toEqual([
      { attempt: 1, delayMs: 10, reason: '503' },
      { attempt: 2, delayMs: 20, reason: '503' },
    ]);
    expect(storedIds()).toEqual(events.map((event) => event.id));
  });

  it('retries a request whose connection failed', async () => {
    let calls = 0;
    const flakyFetch: typeof fetch = (input, init) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init);
    };

    await sinkFor({ fetch: flakyFetch }).send(messages(2));

    expect(calls).toBe(2);
    expect(tinybird.rows()).toHaveLength(2);
  });

  it('throws a non-retryable error on a wrong token, after one request', async () => {
    const sink = sinkFor({ token: 'p.not-the-workspace-token' });

    const error = await sink.send(messages(2)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TinybirdRejectedError);
    expect(error).toMatchObject({ status: 401 });
    expect((error as Error).message).toContain('parley_events');
    expect((error as Error).message).toContain('Invalid token');
    expect((error as Error).message).not.toContain('p.not-the-workspace-token');
    expect(tinybird.requests).toHaveLength(1);
    expect(tinybird.rows()).toEqual([]);
  });

  it('throws a non-retryable error when the datasource does not exist', async () => {
    const error = await sinkFor({ datasource: 'parley_evnts' })
      .send(messages(1))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TinybirdRejectedError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toContain('parley_evnts');
    expect(tinybird.requests).toHaveLength(1);
  });

  it('splits a large batch into requests under the size limit, each row once and in order', async () => {
    await tinybird.close();
    tinybird = await FakeTinybird.start({ maxRequestBytes: 4096 });
    const events = messages(60);

    await sinkFor({ maxRequestBytes: 4096 }).send(events);

    expect(tinybird.requests.length).toBeGreaterThan(5);
    for (const request of tinybird.requests) {
      expect(request.status).toBe(200);
      expect(request.bytes).toBeLessThanOrEqual(4096);
    }
    expect(storedIds()).toEqual(events.map((event) => event.id));
  });

  it('never lets the token into an error or a retry report, whatever the server says', async () => {
    const token = tinybird.token;
    let calls = 0;
    const echoingFetch: typeof fetch = async (_input, init) => {
      calls += 1;
      const presented = new Headers(init?.headers).get('authorization') ?? '';
      if (calls === 1) throw new TypeError(`connect ECONNRESET (${presented})`);
      return new Response(JSON.stringify({ error: `token ${presented} may not append` }), {
        status: 403,
      });
    };
    const retries: SinkRetry[] = [];

    const error = await sinkFor({ fetch: echoingFetch, onRetry: (retry) => retries.push(retry) })
      .send(messages(1))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TinybirdRejectedError);
    expect((error as Error).message).toContain('may not append');
    expect((error as Error).message).not.toContain(token);
    expect(JSON.stringify(retries)).toContain('ECONNRESET');
    expect(JSON.stringify(retries)).not.toContain(token);
  });

  it('stop() ends a send that is waiting out an outage, and nothing is written', async () => {
    tinybird.failNext(1000, { status: 503 });
    const sink = sinkFor({ retryDelaysMs: [20] });

    const sending = sink.send(messages(3)).catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 100));
    sink.stop();

    expect(await sending).toBeInstanceOf(TinybirdSinkStoppedError);
    expect(tinybird.requests.length).toBeGreaterThan(1);
    expect(tinybird.rows()).toEqual([]);
    await expect(sink.send(messages(1))).rejects.toBeInstanceOf(TinybirdSinkStoppedError);
  });

  it('gives up after giveUpAfterMs with an error that says to try again later', async () => {
    tinybird.failNext(1000, { status: 503 });

    const error = await sinkFor({ retryDelaysMs: [20], giveUpAfterMs: 150 })
      .send(messages(1))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TinybirdUnavailableError);
    expect((error as Error).message).toContain('503');
  });
});
