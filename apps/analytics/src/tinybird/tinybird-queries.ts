// Type-only: the endpoint definitions are ESM that this CommonJS build cannot load, and need not.
import type { AnalyticsAgentsRow } from '../../../../tinybird/endpoints/agents.endpoint';
import type { AnalyticsCsatRow } from '../../../../tinybird/endpoints/csat.endpoint';
import type { AnalyticsSlaRow } from '../../../../tinybird/endpoints/sla.endpoint';
import type { AnalyticsLabelsRow } from '../../../../tinybird/endpoints/labels.endpoint';
import type {
  AnalyticsOverviewRow,
  AnalyticsOverviewParams,
} from '../../../../tinybird/endpoints/overview.endpoint';
import type {
  AnalyticsTimeseriesParams,
  AnalyticsTimeseriesRow,
} from '../../../../tinybird/endpoints/timeseries.endpoint';
import {
  type AgentFigures,
  type Distribution,
  type Interval,
  type LabelsFigures,
  type Overview,
  type CsatFigures,
  type SlaFigures,
  type TimeseriesPoint,
} from '@app/contracts';
import { retryAfterMs } from '@app/platform';
import { type AnalyticsQueries, type AnalyticsRange } from '../queries/analytics-queries';
import { csatFiguresOf } from '../queries/csat-figures';
import { type SlaRow, slaFiguresOf } from '../queries/sla-figures';
import { errorOf } from './tinybird-http';

export interface TinybirdQueriesOptions {
  /** The workspace's API host, e.g. `https://api.tinybird.co`. */
  url: string;
  /** A token with READ on the analytics endpoints (`parley_analytics_read`). */
  token: string;
  /** Retries of a request that met a 429, a 5xx or a network error, before giving up. */
  maxRetries?: number;
  /** First wait between tries; it doubles each time. */
  retryDelayMs?: number;
  /** Cap on any wait, including the one a 429's Retry-After asks for. */
  maxRetryDelayMs?: number;
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** An endpoint call failed: refused, or still failing after the retries. */
export class TinybirdQueryError extends Error {
  override readonly name = 'TinybirdQueryError';
  constructor(
    message: string,
    /** The last HTTP status, or undefined when the network failed. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * `AnalyticsQueries` answered by the Tinybird endpoints in tinybird/endpoints/, over the Pipes
 * API (`GET /v0/pipes/<name>.json`). The endpoints read `parley_events`, which `TinybirdSink`
 * fills; the tenant is always a parameter, and the token can read nothing but these endpoints.
 */
export class TinybirdQueries implements AnalyticsQueries {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: TinybirdQueriesOptions) {
    if (!options.token) throw new Error('TinybirdQueries needs a token');
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async overview(range: AnalyticsRange): Promise<Overview> {
    const [row] = await this.query<AnalyticsOverviewRow>('analytics_overview', rangeParams(range));
    if (!row) throw new TinybirdQueryError('analytics_overview answered no row');
    return {
      conversations: {
        created: count(row.created),
        closed: count(row.closed),
        resolved: count(row.resolved),
        abandoned: count(row.abandoned),
        stale: count(row.stale),
        blocked: count(row.blocked),
      },
      firstResponseSeconds: distribution(
        row.first_response_count,
        row.first_response_p50,
        row.first_response_p90,
      ),
      resolutionSeconds: distribution(row.resolution_count, row.resolution_p50, row.resolution_p90),
      messages: {
        visitor: count(row.visitor_messages),
        agent: count(row.agent_messages),
        system: count(row.system_messages),
      },
      byChatbot: row.chatbot_keys.map((chatbotId, index) => ({
        chatbotId,
        created: count(row.chatbot_created[index]),
      })),
      byCategory: row.category_keys.map((category, index) => ({
        category,
        created: count(row.category_created[index]),
      })),
      hoursOfDay: row.created_by_hour.map((created, hour) => ({ hour, created: count(created) })),
    };
  }

  async timeseries(range: AnalyticsRange, interval: Interval): Promise<TimeseriesPoint[]> {
    const params: AnalyticsTimeseriesParams = { ...rangeParams(range), interval };
    const rows = await this.query<AnalyticsTimeseriesRow>('analytics_timeseries', params);
    return rows.map((row) => ({
      at: fromTinybirdTime(row.at),
      created: count(row.created),
      closed: count(row.closed),
      abandoned: count(row.abandoned),
      messages: count(row.messages),
    }));
  }

  async agents(range: AnalyticsRange): Promise<AgentFigures[]> {
    const rows = await this.query<AnalyticsAgentsRow>('analytics_agents', rangeParams(range));
    return rows.map((row) => ({
      agentId: row.agent_id,
      messages: count(row.messages),
      assigned: count(row.assigned),
      resolved: count(row.resolved),
      firstResponseSeconds: distribution(
        row.first_response_count,
        row.first_response_p50,
        row.first_response_p90,
      ),
    }));
  }

  async sla(range: AnalyticsRange): Promise<SlaFigures> {
    const rows = await this.query<AnalyticsSlaRow>('analytics_sla', rangeParams(range));
    return slaFiguresOf(
      rows.map((row) => ({
        dimension: row.dimension as SlaRow['dimension'],
        key: row.group_key,
        measured: count(row.measured),
        met: count(row.met),
        breaches: count(row.breaches),
      })),
    );
  }

  async labels(range: AnalyticsRange): Promise<LabelsFigures> {
    const rows = await this.query<AnalyticsLabelsRow>('analytics_labels', rangeParams(range));
    return {
      byLabel: rows.map((row) => ({
        labelId: row.label_id,
        added: count(row.added),
        removed: count(row.removed),
      })),
    };
  }

  async csat(range: AnalyticsRange): Promise<CsatFigures> {
    const rows = await this.query<AnalyticsCsatRow>('analytics_csat', rangeParams(range));
    return csatFiguresOf(
      rows.map((row) => ({
        rating: Number(row.rating),
        agent: row.agent_id,
        team: row.team_id,
        count: count(row.ratings),
      })),
    );
  }

  private async query<TRow>(
    pipe: string,
    params: Record<string, string | undefined>,
  ): Promise<TRow[]> {
    const url = new URL(`/v0/pipes/${pipe}.json`, this.options.url);
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt<TRow>(pipe, url);
      if ('rows' in outcome) return outcome.rows;
      if (attempt >= maxRetries) {
        throw new TinybirdQueryError(
          `${pipe} still failing after ${attempt + 1} tries: ${outcome.reason}`,
          outcome.status,
        );
      }
      const backoffMs = (this.options.retryDelayMs ?? 200) * 2 ** attempt;
      await delay(
        Math.min(outcome.retryAfterMs ?? backoffMs, this.options.maxRetryDelayMs ?? 5_000),
      );
    }
  }

  private async attempt<TRow>(
    pipe: string,
    url: URL,
  ): Promise<{ rows: TRow[] } | { reason: string; status?: number; retryAfterMs?: number }> {
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers: { Authorization: `Bearer ${this.options.token}` },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 15_000),
      });
    } catch (error) {
      return { reason: this.redact((error as Error).message) };
    }
    const text = this.redact(await response.text().catch(() => ''));
    if (response.ok) {
      const answer = parseJson(text) as { data?: TRow[] } | undefined;
      if (!Array.isArray(answer?.data)) {
        throw new TinybirdQueryError(`${pipe} answered without data: ${text.slice(0, 200)}`);
      }
      return { rows: answer.data };
    }
    const reason = `${response.status} ${errorOf(text)}`;
    if (response.status === 429) {
      return { reason, status: 429, retryAfterMs: retryAfterMs(response.headers) };
    }
    if (response.status === 408 || response.status >= 500) {
      return { reason, status: response.status };
    }
    throw new TinybirdQueryError(`${pipe} refused the query: ${reason}`, response.status);
  }

  /** What Tinybird or the network says goes into errors and logs, so it never holds the token. */
  private redact(text: string): string {
    return text.split(this.options.token).join('[token]');
  }
}

/**
 * The endpoints' common parameters. DateTime parameters carry whole seconds, so a range is
 * taken to the second (Parley's ranges are whole hours or days).
 */
function rangeParams(range: AnalyticsRange): AnalyticsOverviewParams {
  return {
    tenant_id: range.tenantId,
    start_time: toTinybirdDateTime(range.from),
    end_time: toTinybirdDateTime(range.to),
    chatbot_id: range.chatbotId,
  };
}

/** `2024-03-01 09:00:00`, UTC: what a DateTime parameter takes. */
function toTinybirdDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** A DateTime column's JSON (`2024-03-01 09:00:00`, UTC) as ISO 8601. */
function fromTinybirdTime(value: string): string {
  return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}

/** 64-bit counts come as numbers, or as strings when a workspace quotes 64-bit integers. */
function count(value: number | string): number {
  return Number(value);
}

function distribution(
  total: number | string,
  p50: number | null | undefined,
  p90: number | null | undefined,
): Distribution {
  return { count: count(total), p50: p50 ?? null, p90: p90 ?? null };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
