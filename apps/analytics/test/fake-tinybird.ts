import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import type { AnalyticsAgentsRow } from '../../../tinybird/endpoints/agents.endpoint';
import type { AnalyticsOverviewRow } from '../../../tinybird/endpoints/overview.endpoint';
import type { AnalyticsCsatRow } from '../../../tinybird/endpoints/csat.endpoint';
import type { AnalyticsSlaRow } from '../../../tinybird/endpoints/sla.endpoint';
import type { AnalyticsLabelsRow } from '../../../tinybird/endpoints/labels.endpoint';
import type { AnalyticsTimeseriesRow } from '../../../tinybird/endpoints/timeseries.endpoint';
import type { ParleyEventRow } from '../src/tinybird/event-row';

/** What the fake answers the next requests with, instead of doing its job. */
export type FakeFailure =
  { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 | 504 };

export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  contentType?: string;
  status: number;
  /** Lines of an Events API body. */
  lines: number;
  bytes: number;
  /** `Date.now()` when the request arrived. */
  receivedAt: number;
}

type ColumnCheck = (value: unknown) => boolean;

const isString: ColumnCheck = (value) => typeof value === 'string';
const isUInt16: ColumnCheck = (value) =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65_535;
const isUuid: ColumnCheck = (value) =>
  typeof value === 'string' && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(value);
/** ClickHouse's own DateTime64(3) text, which the sink sends: stricter than Tinybird, never looser. */
const isDateTime64: ColumnCheck = (value) =>
  typeof value === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,3})?$/.test(value);
const orNull =
  (check: ColumnCheck): ColumnCheck =>
  (value) =>
    value === null || check(value);

/**
 * The columns of tinybird/datasources/parley-events.datasource.ts. Typed by the row the SDK
 * infers from that definition, so a column added there and not here fails to compile.
 */
const PARLEY_EVENTS_COLUMNS: { [Column in keyof ParleyEventRow]-?: ColumnCheck } = {
  event_id: isUuid,
  type: isString,
  version: isUInt16,
  tenant_id: isString,
  occurred_at: isDateTime64,
  happened_at: isDateTime64,
  room_id: isString,
  chatbot_id: isString,
  agent_id: isString,
  sender_type: isString,
  reason: isString,
  category: isString,
  room_created_at: orNull(isDateTime64),
  payload: isString,
};

const DATASOURCES: Record<string, Record<string, ColumnCheck>> = {
  parley_events: PARLEY_EVENTS_COLUMNS,
};

/**
 * A local stand-in for Tinybird: the Events API (`POST /v0/events`) checks the token, the
 * datasource and every NDJSON row as Tinybird documents them, and keeps the rows; the analytics
 * endpoints (`GET /v0/pipes/<name>.json`) recompute from those rows, in plain TypeScript, what
 * the SQL in tinybird/endpoints/ computes, and answer in Tinybird's `{ meta, data, rows,
 * statistics }` shape. Duplicates (same event id) are kept, as Tinybird keeps them until a
 * merge, and the endpoints ignore them, as FINAL does.
 */
export class FakeTinybird {
  readonly requests: RecordedRequest[] = [];
  private readonly stored = new Map<string, ParleyEventRow[]>();
  private readonly failures: FakeFailure[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly token: string,
    private readonly maxRequestBytes: number,
  ) {}

  static async start(
    options: { token?: string; maxRequestBytes?: number } = {},
  ): Promise<FakeTinybird> {
    // Requests arrive only once `listen` has resolved, by which time `fake` is set.
    const server = createServer((request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeTinybird(
      server,
      `http://127.0.0.1:${port}`,
      options.token ?? 'p.fake-tinybird-token',
      options.maxRequestBytes ?? 10 * 1000 * 1000,
    );
    return fake;
  }

  /** The rows accepted so far, in arrival order, copies of redelivered events included. */
  rows(datasource = 'parley_events'): ParleyEventRow[] {
    return [...(this.stored.get(datasource) ?? [])];
  }

  /** Answers the next `count` requests (to either API) with `failure`. */
  failNext(count: number, failure: FakeFailure): void {
    for (let index = 0; index < count; index += 1) this.failures.push(failure);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const body = await readBody(request);
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: url.pathname,
      params: Object.fromEntries(url.searchParams),
      contentType: request.headers['content-type'],
      status: 0,
      lines: 0,
      bytes: body.length,
      receivedAt: Date.now(),
    };
    this.requests.push(recorded);
    const answer = this.answer(request, url, body, recorded);
    recorded.status = answer.status;
    response.writeHead(answer.status, {
      'Content-Type': 'application/json',
      ...answer.headers,
    });
    response.end(JSON.stringify(answer.body));
  }

  private answer(
    request: IncomingMessage,
    url: URL,
    body: Buffer,
    recorded: RecordedRequest,
  ): Answer {
    const failure = this.failures.shift();
    if (failure?.status === 429) {
      return {
        status: 429,
        body: { error: 'Too many requests' },
        headers: { 'Retry-After': String(failure.retryAfterSeconds ?? 1) },
      };
    }
    if (failure) return { status: failure.status, body: { error: 'Service unavailable' } };
    // Tinybird takes the token as a bearer header or as a `token` parameter.
    const presented =
      request.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('token');
    if (presented !== this.token) return { status: 401, body: { error: 'Invalid token' } };

    if (request.method === 'POST' && url.pathname === '/v0/events') {
      return this.ingest(url, body, recorded);
    }
    const pipe = /^\/v0\/pipes\/([a-z0-9_]+)\.json$/.exec(url.pathname)?.[1];
    if (request.method === 'GET' && pipe) return this.query(pipe, url.searchParams);
    return { status: 404, body: { error: `Not found: ${request.method} ${url.pathname}` } };
  }

  private ingest(url: URL, body: Buffer, recorded: RecordedRequest): Answer {
    const name = url.searchParams.get('name') ?? '';
    const columns = DATASOURCES[name];
    if (!columns) return { status: 404, body: { error: `Data Source "${name}" does not exist` } };
    if (body.length > this.maxRequestBytes) {
      return { status: 413, body: { error: 'Request Entity Too Large' } };
    }
    const lines = body
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    recorded.lines = lines.length;
    const rows: ParleyEventRow[] = [];
    for (const [index, line] of lines.entries()) {
      const problem = rowProblem(line, columns);
      if (problem) return { status: 400, body: { error: `line ${index + 1}: ${problem}` } };
      rows.push(JSON.parse(line) as ParleyEventRow);
    }
    this.stored.set(name, [...(this.stored.get(name) ?? []), ...rows]);
    // With wait=true Tinybird answers once the rows are written (200); without, on receipt (202).
    const status = url.searchParams.get('wait') === 'true' ? 200 : 202;
    return { status, body: { successful_rows: rows.length, quarantined_rows: 0 } };
  }

  private query(pipe: string, params: URLSearchParams): Answer {
    const endpoint = ENDPOINTS[pipe];
    if (!endpoint) return { status: 404, body: { error: `The pipe '${pipe}' does not exist` } };
    const range = rangeOf(params);
    if (typeof range === 'string') return { status: 400, body: { error: range } };
    const events = new ChatEvents(this.rows(), range);
    const data = endpoint.compute(events, params);
    return {
      status: 200,
      body: {
        meta: endpoint.meta.map(([name, type]) => ({ name, type })),
        data,
        rows: data.length,
        statistics: { elapsed: 0.001, rows_read: events.size, bytes_read: 0 },
      },
    };
  }
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function rowProblem(line: string, columns: Record<string, ColumnCheck>): string | undefined {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'not a JSON object';
  for (const [column, check] of Object.entries(columns)) {
    if (!(column in row)) return `missing column ${column}`;
    if (!check((row as Record<string, unknown>)[column])) {
      return `column ${column} cannot hold ${JSON.stringify((row as Record<string, unknown>)[column])}`;
    }
  }
  const unknown = Object.keys(row).filter((key) => !(key in columns));
  return unknown.length > 0 ? `unknown columns ${unknown.join(', ')}` : undefined;
}

// ---------------------------------------------------------------------------------------------
// The analytics endpoints, recomputed.

interface Range {
  tenantId: string;
  /** Epoch milliseconds; `end` exclusive. */
  start: number;
  end: number;
  chatbotId?: string;
}

/** The parameters every analytics endpoint takes, checked as Tinybird checks typed params. */
function rangeOf(params: URLSearchParams): Range | string {
  const tenantId = params.get('tenant_id');
  if (!tenantId) return '[Error] Missing required parameter: tenant_id';
  const start = parseDateTimeParam(params, 'start_time');
  if (typeof start === 'string') return start;
  const end = parseDateTimeParam(params, 'end_time');
  if (typeof end === 'string') return end;
  return { tenantId, start, end, chatbotId: params.get('chatbot_id') ?? undefined };
}

function parseDateTimeParam(params: URLSearchParams, name: string): number | string {
  const value = params.get(name);
  if (!value) return `[Error] Missing required parameter: ${name}`;
  if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value)) {
    return `[Error] Error validating '${value}' to type DateTime`;
  }
  return utcMillis(value);
}

/** `2024-03-01 09:00:00[.000]`, UTC, as epoch milliseconds. */
function utcMillis(value: string): number {
  return Date.parse(`${value.replace(' ', 'T')}Z`);
}

interface ChatRow extends ParleyEventRow {
  at: number;
}

/** One tenant's rows (of one chatbot, if asked), each event once, with its time parsed. */
class ChatEvents {
  private readonly rows: ChatRow[];

  constructor(
    all: ParleyEventRow[],
    readonly range: Range,
  ) {
    const seen = new Set<string>();
    this.rows = [];
    for (const row of all) {
      if (seen.has(row.event_id)) continue;
      seen.add(row.event_id);
      if (row.tenant_id !== range.tenantId) continue;
      if (range.chatbotId !== undefined && row.chatbot_id !== range.chatbotId) continue;
      this.rows.push({ ...row, at: utcMillis(row.happened_at) });
    }
  }

  get size(): number {
    return this.rows.length;
  }

  /** Every row of a type, whenever it happened (a later rating replaces an earlier one). */
  all(type: string): ChatRow[] {
    return this.rows.filter((row) => row.type === type);
  }

  inRange(type?: string): ChatRow[] {
    return this.rows.filter(
      (row) =>
        row.at >= this.range.start && row.at < this.range.end && (!type || row.type === type),
    );
  }

  /**
   * Conversations whose first agent message (from a known agent) was sent in the range, with
   * that agent and the seconds since the conversation was created (its `chat.chatroom.created`).
   */
  firstResponses(): Array<{ agentId: string; seconds: number }> {
    const byAgent = (row: ChatRow) =>
      row.type === 'chat.message.sent' && row.sender_type === 'agent' && row.agent_id !== '';
    const answered = new Set(
      this.inRange()
        .filter(byAgent)
        .map((row) => row.room_id),
    );
    const responses: Array<{ agentId: string; seconds: number }> = [];
    for (const roomId of answered) {
      const before = this.rows.filter((row) => row.room_id === roomId && row.at < this.range.end);
      const first = earliest(before.filter(byAgent));
      const created = earliest(before.filter((row) => row.type === 'chat.chatroom.created'));
      if (!first || !created || first.at < this.range.start) continue;
      responses.push({ agentId: first.agent_id, seconds: secondsBetween(created.at, first.at) });
    }
    return responses;
  }
}

function earliest(rows: ChatRow[]): ChatRow | undefined {
  return rows.reduce<ChatRow | undefined>(
    (found, row) => (!found || row.at < found.at ? row : found),
    undefined,
  );
}

/** count, p50 and p90 as quantileExact: the value at position floor(level × count), sorted. */
function distribution(values: number[]): { count: number; p50: number | null; p90: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  const percentile = (level: number) =>
    sorted.length === 0
      ? null
      : sorted[Math.min(sorted.length - 1, Math.floor(level * sorted.length))];
  return { count: sorted.length, p50: percentile(0.5), p90: percentile(0.9) };
}

/** Whole seconds, rounded half up, never negative. */
function secondsBetween(earlier: number, later: number): number {
  return Math.max(0, Math.round((later - earlier) / 1000));
}

/** `<prefix>_keys` and `<prefix>_created`, most first, then by key; empty keys left out. */
function breakdown<Prefix extends string>(prefix: Prefix, keys: string[]) {
  const counts = new Map<string, number>();
  for (const key of keys) if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  const sorted = [...counts].sort(([keyA, a], [keyB, b]) => b - a || byteOrder(keyA, keyB));
  return {
    [`${prefix}_keys`]: sorted.map(([key]) => key),
    [`${prefix}_created`]: sorted.map(([, created]) => created),
  } as Record<`${Prefix}_keys`, string[]> & Record<`${Prefix}_created`, number[]>;
}

/** ClickHouse orders strings by their bytes, not by locale. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function countWhere(rows: ChatRow[], test: (row: ChatRow) => boolean): number {
  return rows.filter(test).length;
}

const closedAs = (reason: string) => (row: ChatRow) =>
  row.type === 'chat.chatroom.closed' && row.reason === reason;

interface FakeEndpoint {
  meta: Array<[string, string]>;
  compute(events: ChatEvents, params: URLSearchParams): object[];
}

const COUNT = 'UInt64';
const SECONDS = 'Nullable(Float64)';

const ENDPOINTS: Record<string, FakeEndpoint> = {
  analytics_overview: {
    meta: [
      ...['created', 'closed', 'resolved', 'abandoned', 'stale', 'blocked'].map(
        (name): [string, string] => [name, COUNT],
      ),
      ['first_response_count', COUNT],
      ['first_response_p50', SECONDS],
      ['first_response_p90', SECONDS],
      ['resolution_count', COUNT],
      ['resolution_p50', SECONDS],
      ['resolution_p90', SECONDS],
      ['visitor_messages', COUNT],
      ['agent_messages', COUNT],
      ['system_messages', COUNT],
      ['chatbot_keys', 'Array(String)'],
      ['chatbot_created', 'Array(UInt64)'],
      ['category_keys', 'Array(String)'],
      ['category_created', 'Array(UInt64)'],
      ['created_by_hour', 'Array(UInt64)'],
    ],
    compute(events): AnalyticsOverviewRow[] {
      const inRange = events.inRange();
      const created = events.inRange('chat.chatroom.created');
      const firstResponses = distribution(events.firstResponses().map((r) => r.seconds));
      const resolutions = distribution(
        inRange
          .filter((row) => closedAs('resolved')(row) && row.room_created_at !== null)
          .map((row) => secondsBetween(utcMillis(row.room_created_at!), row.at)),
      );
      const sentBy = (sender: string) => (row: ChatRow) =>
        row.type === 'chat.message.sent' && row.sender_type === sender;
      const createdByHour = Array.from({ length: 24 }, () => 0);
      for (const row of created) createdByHour[new Date(row.at).getUTCHours()] += 1;
      return [
        {
          created: created.length,
          closed: countWhere(inRange, (row) => row.type === 'chat.chatroom.closed'),
          resolved: countWhere(inRange, closedAs('resolved')),
          abandoned: countWhere(inRange, closedAs('abandoned')),
          stale: countWhere(inRange, closedAs('stale')),
          blocked: countWhere(inRange, closedAs('blocked')),
          first_response_count: firstResponses.count,
          first_response_p50: firstResponses.p50,
          first_response_p90: firstResponses.p90,
          resolution_count: resolutions.count,
          resolution_p50: resolutions.p50,
          resolution_p90: resolutions.p90,
          visitor_messages: countWhere(inRange, sentBy('visitor')),
          agent_messages: countWhere(inRange, sentBy('agent')),
          system_messages: countWhere(inRange, sentBy('system')),
          ...breakdown(
            'chatbot',
            created.map((row) => row.chatbot_id),
          ),
          ...breakdown(
            'category',
            created.map((row) => row.category),
          ),
          created_by_hour: createdByHour,
        },
      ];
    },
  },

  analytics_timeseries: {
    meta: [
      ['at', "DateTime('UTC')"],
      ['created', COUNT],
      ['closed', COUNT],
      ['abandoned', COUNT],
      ['messages', COUNT],
    ],
    compute(events, params): AnalyticsTimeseriesRow[] {
      const stepMs = (params.get('interval') === 'day' ? 86_400 : 3_600) * 1000;
      const inRange = events.inRange();
      const points: AnalyticsTimeseriesRow[] = [];
      const first = Math.floor(events.range.start / stepMs) * stepMs;
      for (let at = first; at < events.range.end; at += stepMs) {
        const step = inRange.filter((row) => Math.floor(row.at / stepMs) * stepMs === at);
        points.push({
          at: new Date(at).toISOString().slice(0, 19).replace('T', ' '),
          created: countWhere(step, (row) => row.type === 'chat.chatroom.created'),
          closed: countWhere(step, (row) => row.type === 'chat.chatroom.closed'),
          abandoned: countWhere(step, closedAs('abandoned')),
          messages: countWhere(step, (row) => row.type === 'chat.message.sent'),
        });
      }
      return points;
    },
  },

  analytics_agents: {
    meta: [
      ['agent_id', 'String'],
      ['messages', COUNT],
      ['assigned', COUNT],
      ['resolved', COUNT],
      ['first_response_count', COUNT],
      ['first_response_p50', SECONDS],
      ['first_response_p90', SECONDS],
    ],
    compute(events): AnalyticsAgentsRow[] {
      const inRange = events.inRange().filter((row) => row.agent_id !== '');
      const firstResponses = events.firstResponses();
      const agentIds = [...new Set(inRange.map((row) => row.agent_id))];
      return agentIds
        .map((agentId) => {
          const own = inRange.filter((row) => row.agent_id === agentId);
          const responses = distribution(
            firstResponses.filter((r) => r.agentId === agentId).map((r) => r.seconds),
          );
          return {
            agent_id: agentId,
            messages: countWhere(
              own,
              (row) => row.type === 'chat.message.sent' && row.sender_type === 'agent',
            ),
            // Conversations, not assignments.
            assigned: new Set(
              own.filter((row) => row.type === 'chat.chatroom.assigned').map((row) => row.room_id),
            ).size,
            resolved: countWhere(own, closedAs('resolved')),
            first_response_count: responses.count,
            first_response_p50: responses.p50,
            first_response_p90: responses.p90,
          };
        })
        .filter((agent) => agent.messages + agent.assigned + agent.resolved > 0)
        .sort((a, b) => b.messages - a.messages || byteOrder(a.agent_id, b.agent_id));
    },
  },

  analytics_sla: {
    meta: [
      ['dimension', 'String'],
      ['group_key', 'String'],
      ['measured', COUNT],
      ['met', COUNT],
      ['breaches', COUNT],
    ],
    compute(events): AnalyticsSlaRow[] {
      const facts: Array<{ keys: string[]; measured: number; met: number; breaches: number }> = [];
      for (const row of events.inRange()) {
        const payload = JSON.parse(row.payload) as {
          kind?: string;
          teamId?: string | null;
          sla?: {
            teamId: string | null;
            category: string | null;
            firstResponseMet: boolean | null;
            resolutionMet: boolean;
          };
        };
        if (row.type === 'chat.chatroom.closed' && payload.sla) {
          const { sla } = payload;
          const outcomes: Array<[string, boolean | null]> = [
            ['first_response', sla.firstResponseMet],
            ['resolution', sla.resolutionMet],
          ];
          for (const [target, met] of outcomes)
            if (met !== null)
              facts.push({
                keys: [target, sla.teamId ?? '', row.agent_id, sla.category ?? ''],
                measured: 1,
                met: met ? 1 : 0,
                breaches: 0,
              });
        }
        if (row.type === 'chat.sla.breached')
          facts.push({
            keys: [payload.kind ?? '', payload.teamId ?? '', row.agent_id, row.category],
            measured: 0,
            met: 0,
            breaches: 1,
          });
      }
      const sums = new Map<string, AnalyticsSlaRow>();
      const dimensions = ['target', 'team', 'agent', 'category'];
      for (const fact of facts)
        fact.keys.forEach((key, index) => {
          const dimension = dimensions[index];
          const sum = sums.get(`${dimension}|${key}`) ?? {
            dimension,
            group_key: key,
            measured: 0,
            met: 0,
            breaches: 0,
          };
          sum.measured += fact.measured;
          sum.met += fact.met;
          sum.breaches += fact.breaches;
          sums.set(`${dimension}|${key}`, sum);
        });
      return [...sums.values()].sort(
        (a, b) => byteOrder(a.dimension, b.dimension) || byteOrder(a.group_key, b.group_key),
      );
    },
  },

  analytics_labels: {
    meta: [
      ['label_id', 'String'],
      ['added', COUNT],
      ['removed', COUNT],
    ],
    compute(events): AnalyticsLabelsRow[] {
      const sums = new Map<string, AnalyticsLabelsRow>();
      for (const row of events.inRange('chat.chatroom.labelled')) {
        const { labelId, change } = JSON.parse(row.payload) as { labelId: string; change: string };
        const sum = sums.get(labelId) ?? { label_id: labelId, added: 0, removed: 0 };
        if (change === 'added') sum.added += 1;
        else sum.removed += 1;
        sums.set(labelId, sum);
      }
      return [...sums.values()].sort(
        (a, b) => b.added - a.added || byteOrder(a.label_id, b.label_id),
      );
    },
  },
  analytics_csat: {
    meta: [
      ['rating', 'UInt8'],
      ['agent_id', 'String'],
      ['team_id', 'String'],
      ['ratings', COUNT],
    ],
    compute(events): AnalyticsCsatRow[] {
      const latest = new Map<string, { revision: number; row: ChatRow }>();
      for (const row of events.all('chat.csat.rated')) {
        const { revision } = JSON.parse(row.payload) as { revision: number };
        const known = latest.get(row.room_id);
        if (!known || known.revision < revision) latest.set(row.room_id, { revision, row });
      }
      const sums = new Map<string, AnalyticsCsatRow>();
      for (const { row } of latest.values()) {
        if (row.at < events.range.start || row.at >= events.range.end) continue;
        const payload = JSON.parse(row.payload) as { rating: number; teamId: string | null };
        const key = `${payload.rating}|${row.agent_id}|${payload.teamId ?? ''}`;
        const sum = sums.get(key) ?? {
          rating: payload.rating,
          agent_id: row.agent_id,
          team_id: payload.teamId ?? '',
          ratings: 0,
        };
        sum.ratings += 1;
        sums.set(key, sum);
      }
      return [...sums.values()].sort(
        (a, b) =>
          a.rating - b.rating ||
          byteOrder(a.agent_id, b.agent_id) ||
          byteOrder(a.team_id, b.team_id),
      );
    },
  },
};
