import {
  type AgentFigures,
  type CsatFigures,
  type Interval,
  type LabelsFigures,
  type Overview,
  type SlaFigures,
  type TimeseriesPoint,
} from '@app/contracts';

/**
 * The tenant analytics API's answers (shapes in `@app/contracts`), whoever computes them: the
 * local rollups, or Tinybird's endpoints when Tinybird is configured. Times are UTC; `from` is
 * inclusive and `to` exclusive.
 */
export interface AnalyticsRange {
  tenantId: string;
  from: Date;
  to: Date;
  /** Only conversations (and their messages) of this chatbot. */
  chatbotId?: string;
}

export interface AnalyticsQueries {
  overview(range: AnalyticsRange): Promise<Overview>;
  timeseries(range: AnalyticsRange, interval: Interval): Promise<TimeseriesPoint[]>;
  /** Agents with any activity in the range, most messages first. */
  agents(range: AnalyticsRange): Promise<AgentFigures[]>;
  /** SLA compliance and breaches, overall and by team, agent and category. */
  sla(range: AnalyticsRange): Promise<SlaFigures>;
  /** Labels put on conversations and taken off, per label. */
  labels(range: AnalyticsRange): Promise<LabelsFigures>;
  /** CSAT overall, by agent and by team, each rated conversation once (its latest rating). */
  csat(range: AnalyticsRange): Promise<CsatFigures>;
}

export const ANALYTICS_QUERIES = Symbol('ANALYTICS_QUERIES');
