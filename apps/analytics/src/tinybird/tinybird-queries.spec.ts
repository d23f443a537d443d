import {
  AgentPresenceChangedV1,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  type EventDefinition,
  type EventEnvelope,
  MessageSentV1,
} from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { FakeTinybird } from '../../test/fake-tinybird';
import { generateDay } from '../../test/generated-day';
import { Recomputed } from '../../test/recompute';
import { type AnalyticsRange } from '../queries/analytics-queries';
import {
  TinybirdQueries,
  TinybirdQueryError,
  type TinybirdQueriesOptions,
} from './tinybird-queries';
import { TinybirdSink } from './tinybird-sink';

/** `'03-01 09:00:10'` is 2024-03-01T09:00:10.000Z (2024 is a leap year: 02-29 is the day before). */
const time = (dayAndTime: string) =>
  new Date(`2024-${dayAndTime.replace(' ', 'T')}Z`).toISOString();

function envelope(tenantId: string, definition: EventDefinition, payload: object, at: string) {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    tenantId,
    occurredAt: at,
    payload,
  } satisfies EventEnvelope;
}

/** The events of one conversation, written as a story. */
function conversation(
  tenantId: string,
  roomId: string,
  chatbotId: string,
  createdAt: string,
  category?: string,
) {
  const ref = { roomId, chatbotId };
  let seq = 0;
  const sent = (sender: { type: string; id?: string }, sentAt: string) =>
    envelope(
      tenantId,
      MessageSentV1,
      { ...ref, messageId: randomUUID(), seq: ++seq, sender, length: 20, sentAt: time(sentAt) },
      time(sentAt),
    );
  return {
    created: () =>
      envelope(
        tenantId,
        ChatroomCreatedV1,
        {
          ...ref,
          displayId: 1,
          visitor: { name: 'Vi', email: 'vi@example.com', ip: '203.0.113.9', browser: {} },
          answers: category ? { topic: category } : {},
          ...(category ? { category } : {}),
          createdAt: time(createdAt),
        },
        time(createdAt),
      ),
    assigned: (agentId: string, at: string) =>
      envelope(
        tenantId,
        ChatroomAssignedV1,
        { ...ref, agentId, how: 'join', queuedAt: time(createdAt), assignedAt: time(at) },
        time(at),
      ),
    visitor: (at: string) => sent({ type: 'visitor' }, at),
    agent: (agentId: string, at: string) => sent({ type: 'agent', id: agentId }, at),
    system: (at: string) => sent({ type: 'system' }, at),
    closed: (reason: string, at: string, agentId?: string) =>
      envelope(
        tenantId,
        ChatroomClosedV1,
        {
          ...ref,
          reason,
          ...(agentId ? { agentId } : {}),
          closedBy: agentId ? 'agent' : 'system',
          createdAt: time(createdAt),
          closedAt: time(at),
        },
        time(at),
      ),
  };
}

const A = 'tenant-a';
const B = 'tenant-b';

const r1 = conversation(A, 'r1', 'bot-1', '03-01 09:00:00', 'billing');
const r2 = conversation(A, 'r2', 'bot-1', '03-01 10:00:00', 'sales');
const r3 = conversation(A, 'r3', 'bot-2', '03-01 10:30:00', 'billing');
const r4 = conversation(A, 'r4', 'bot-2', '03-01 23:50:00');
const r5 = conversation(A, 'r5', 'bot-1', '02-29 23:00:00', 'sales');
const r6 = conversation(A, 'r6', 'bot-1', '02-29 22:00:00');
const r7 = conversation(A, 'r7', 'bot-1', '03-02 00:00:00');
const r8 = conversation(A, 'r8', 'bot-1', '03-01 12:00:00');
const b1 = conversation(B, 'b1', 'bot-1', '03-01 09:00:00', 'billing');

const firstRoomEvents = [
  r1.created(),
  r1.visitor('03-01 09:00:10'),
  r1.assigned('ann', '03-01 09:00:30'),
  r1.agent('ann', '03-01 09:01:00'),
  r1.agent('ann', '03-01 09:05:00'),
  r1.closed('resolved', '03-01 09:10:00', 'ann'),
];

const tenantAEvents = [
  ...firstRoomEvents,
  // Requeued and taken again by the same agent: still one conversation assigned to her.
  r1.assigned('ann', '03-01 09:03:00'),
  r2.created(),
  r2.assigned('bob', '03-01 10:00:20'),
  // 40.6 s after creation: first responses count whole seconds, rounded (41).
  r2.agent('bob', '03-01 10:00:40.600'),
  r2.visitor('03-01 10:01:00'),
  r2.closed('resolved', '03-01 10:20:00', 'bob'),
  r3.created(),
  r3.assigned('ann', '03-01 10:31:00'),
  r3.agent('ann', '03-01 10:32:00'),
  r3.system('03-01 10:40:00'),
  r3.closed('abandoned', '03-01 10:50:00'),
  r4.created(),
  r4.visitor('03-01 23:51:00'),
  // Created the day before, first answered on the day: counted by the answer's time.
  r5.created(),
  r5.assigned('bob', '02-29 23:55:00'),
  r5.agent('bob', '03-01 00:10:00'),
  r5.closed('resolved', '03-01 01:00:00', 'bob'),
  // First answered the day before: the answer on the day is not a first response.
  r6.created(),
  r6.agent('ann', '02-29 22:05:00'),
  r6.agent('ann', '03-01 00:20:00'),
  r6.closed('stale', '03-01 00:30:00'),
  // Created at the end of the range, which is exclusive.
  r7.created(),
  r8.created(),
  r8.closed('blocked', '03-01 12:05:00', 'ann'),
  // Online but idle: not among the active agents.
  envelope(
    A,
    AgentPresenceChangedV1,
    { agentId: 'cy', status: 'online', at: time('03-01 08:00:00') },
    time('03-01 08:00:00'),
  ),
];

const tenantBEvents = [
  b1.created(),
  b1.assigned('zed', '03-01 09:00:02'),
  b1.agent('zed', '03-01 09:00:05'),
  b1.closed('resolved', '03-01 09:30:00', 'zed'),
];

const day = (tenantId: string, chatbotId?: string): AnalyticsRange => ({
  tenantId,
  from: new Date(time('03-01 00:00:00')),
  to: new Date(time('03-02 00:00:00')),
  ...(chatbotId ? { chatbotId } : {}),
});

/** All 24 hours of the day, zero but for `counts`. */
function hoursOfDay(counts: Record<number, number>) {
  return Array.from({ length: 24 }, (_, hour) => ({ hour, created: counts[hour] ?? 0 }));
}

describe('TinybirdQueries', () => {
  let tinybird: FakeTinybird;

  beforeAll(async () => {
    tinybird = await FakeTinybird.start();
    const sink = new TinybirdSink({ url: tinybird.url, token: tinybird.token });
    await sink.send([...tenantAEvents, ...tenantBEvents]);
    // Kafka redelivers a batch: the same events arrive a second time.
    await sink.send(firstRoomEvents);
  });

  afterAll(() => tinybird.close());

  function queries(options: Partial<TinybirdQueriesOptions> = {}): TinybirdQueries {
    return new TinybirdQueries({
      url: tinybird.url,
      token: tinybird.token,
      retryDelayMs: 10,
      ...options,
    });
  }

  it('sums up the day of a tenant, counting a redelivered event once', async () => {
    expect(tinybird.rows()).toHaveLength(tenantAEvents.length + tenantBEvents.length + 6);

    expect(await queries().overview(day(A))).toEqual({
      conversations: { created: 5, closed: 6, resolved: 3, abandoned: 1, stale: 1, blocked: 1 },
      // 41, 60, 120 and 4200 s (r2, r1, r3, r5); r6 was first answered the day before.
      // Percentiles are values at position floor(level × count), as ClickHouse's quantileExact.
      firstResponseSeconds: { count: 4, p50: 120, p90: 4200 },
      // 600, 1200 and 7200 s (r1, r2, r5).
      resolutionSeconds: { count: 3, p50: 1200, p90: 7200 },
      messages: { visitor: 3, agent: 6, system: 1 },
      byChatbot: [
        { chatbotId: 'bot-1', created: 3 },
        { chatbotId: 'bot-2', created: 2 },
      ],
      byCategory: [
        { category: 'billing', created: 2 },
        { category: 'sales', created: 1 },
      ],
      hoursOfDay: hoursOfDay({ 9: 1, 10: 2, 12: 1, 23: 1 }),
    });
  });

  it('shows another tenant only its own conversations', async () => {
    expect(await queries().overview(day(B))).toEqual({
      conversations: { created: 1, closed: 1, resolved: 1, abandoned: 0, stale: 0, blocked: 0 },
      firstResponseSeconds: { count: 1, p50: 5, p90: 5 },
      resolutionSeconds: { count: 1, p50: 1800, p90: 1800 },
      messages: { visitor: 0, agent: 1, system: 0 },
      byChatbot: [{ chatbotId: 'bot-1', created: 1 }],
      byCategory: [{ category: 'billing', created: 1 }],
      hoursOfDay: hoursOfDay({ 9: 1 }),
    });
    expect(await queries().agents(day(B))).toEqual([
      {
        agentId: 'zed',
        messages: 1,
        assigned: 1,
        resolved: 1,
        firstResponseSeconds: { count: 1, p50: 5, p90: 5 },
      },
    ]);
  });

  it('narrows every figure to one chatbot when asked', async () => {
    expect(await queries().overview(day(A, 'bot-2'))).toEqual({
      conversations: { created: 2, closed: 1, resolved: 0, abandoned: 1, stale: 0, blocked: 0 },
      firstResponseSeconds: { count: 1, p50: 120, p90: 120 },
      resolutionSeconds: { count: 0, p50: null, p90: null },
      messages: { visitor: 1, agent: 1, system: 1 },
      byChatbot: [{ chatbotId: 'bot-2', created: 2 }],
      byCategory: [{ category: 'billing', created: 1 }],
      hoursOfDay: hoursOfDay({ 10: 1, 23: 1 }),
    });
    expect(tinybird.requests.at(-1)).toMatchObject({
      path: '/v0/pipes/analytics_overview.json',
      params: {
        tenant_id: A,
        start_time: '2024-03-01 00:00:00',
        end_time: '2024-03-02 00:00:00',
        chatbot_id: 'bot-2',
      },
    });
  });

  it('lists the active agents, most messages first, with their first responses', async () => {
    expect(await queries().agents(day(A))).toEqual([
      {
        agentId: 'ann',
        messages: 4,
        assigned: 2,
        resolved: 1,
        firstResponseSeconds: { count: 2, p50: 120, p90: 120 },
      },
      {
        agentId: 'bob',
        messages: 2,
        assigned: 1,
        resolved: 2,
        firstResponseSeconds: { count: 2, p50: 4200, p90: 4200 },
      },
    ]);
    expect(await queries().agents(day(A, 'bot-2'))).toEqual([
      {
        agentId: 'ann',
        messages: 1,
        assigned: 1,
        resolved: 0,
        firstResponseSeconds: { count: 1, p50: 120, p90: 120 },
      },
    ]);
  });

  it('gives every day of a range, the empty ones as zeros', async () => {
    const range = {
      tenantId: A,
      from: new Date(time('02-29 00:00:00')),
      to: new Date(time('03-03 00:00:00')),
    };

    expect(await queries().timeseries(range, 'day')).toEqual([
      { at: '2024-02-29T00:00:00.000Z', created: 2, closed: 0, abandoned: 0, messages: 1 },
      { at: '2024-03-01T00:00:00.000Z', created: 5, closed: 6, abandoned: 1, messages: 10 },
      { at: '2024-03-02T00:00:00.000Z', created: 1, closed: 0, abandoned: 0, messages: 0 },
    ]);
    expect(tinybird.requests.at(-1)?.params).toMatchObject({ interval: 'day' });
  });

  it('gives every hour of a range, the empty ones as zeros', async () => {
    const range = {
      tenantId: A,
      from: new Date(time('03-01 09:00:00')),
      to: new Date(time('03-01 12:00:00')),
    };

    expect(await queries().timeseries(range, 'hour')).toEqual([
      { at: '2024-03-01T09:00:00.000Z', created: 1, closed: 1, abandoned: 0, messages: 3 },
      { at: '2024-03-01T10:00:00.000Z', created: 2, closed: 2, abandoned: 1, messages: 4 },
      { at: '2024-03-01T11:00:00.000Z', created: 0, closed: 0, abandoned: 0, messages: 0 },
    ]);
  });

  it('agrees with the plain recomputation the local rollups are held to, on a generated day', async () => {
    const start = new Date('2024-04-10T00:00:00.000Z');
    const generated = generateDay('tenant-generated', start, 150, 42);
    await new TinybirdSink({ url: tinybird.url, token: tinybird.token }).send(
      generated.events.map((published) => published.event),
    );
    const range = { tenantId: generated.tenantId, from: start, to: new Date('2024-04-11T00:00Z') };
    const recomputed = new Recomputed(generated.events, range.from, range.to);
    const oneChatbot = { ...range, chatbotId: generated.chatbots[0] };
    const recomputedForChatbot = new Recomputed(
      generated.events,
      range.from,
      range.to,
      oneChatbot.chatbotId,
    );

    expect(await queries().overview(range)).toEqual(recomputed.overview());
    expect(await queries().timeseries(range, 'hour')).toEqual(recomputed.hourly());
    expect(await queries().agents(range)).toEqual(recomputed.agents());
    expect(await queries().overview(oneChatbot)).toEqual(recomputedForChatbot.overview());
    expect(await queries().agents(oneChatbot)).toEqual(recomputedForChatbot.agents());
  });

  it('retries a query through a 429 and 503s', async () => {
    tinybird.failNext(1, { status: 429, retryAfterSeconds: 0 });
    tinybird.failNext(2, { status: 503 });

    const overview = await queries().overview(day(B));

    expect(overview.conversations.created).toBe(1);
    expect(tinybird.requests.slice(-4).map((request) => request.status)).toEqual([
      429, 503, 503, 200,
    ]);
  });

  it('gives up after a few retries with an error that names the pipe, not the token', async () => {
    tinybird.failNext(3, { status: 503 });
    const before = tinybird.requests.length;

    const error = await queries({ maxRetries: 2 })
      .agents(day(A))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TinybirdQueryError);
    expect(error).toMatchObject({ status: 503 });
    expect((error as Error).message).toContain('analytics_agents');
    expect((error as Error).message).not.toContain(tinybird.token);
    expect(tinybird.requests.length - before).toBe(3);
  });

  it('does not retry a refused token', async () => {
    const before = tinybird.requests.length;

    const error = await queries({ token: 'p.wrong-token' })
      .overview(day(A))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TinybirdQueryError);
    expect(error).toMatchObject({ status: 401 });
    expect((error as Error).message).not.toContain('p.wrong-token');
    expect(tinybird.requests.length - before).toBe(1);
  });

  it('never lets the token into an error, whatever the server says', async () => {
    const echoingFetch: typeof fetch = async (_input, init) => {
      const presented = new Headers(init?.headers).get('authorization') ?? '';
      return new Response(JSON.stringify({ error: `${presented} cannot read this pipe` }), {
        status: 403,
      });
    };

    const error = await queries({ fetch: echoingFetch })
      .timeseries(day(A), 'hour')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TinybirdQueryError);
    expect((error as Error).message).toContain('cannot read this pipe');
    expect((error as Error).message).not.toContain(tinybird.token);
  });
});
