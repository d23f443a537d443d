/**
 * What `GET /api/analytics/*` answers, whoever computes it: the local rollups, or Tinybird's
 * endpoints when Tinybird is configured. Times are UTC; `from` is inclusive and `to` exclusive.
 */

export type Interval = 'hour' | 'day';

export interface Distribution {
  /** How many conversations the figures cover. */
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface Overview {
  conversations: {
    created: number;
    /** Closed in the range, for any reason; the four reasons below add up to it. */
    closed: number;
    resolved: number;
    abandoned: number;
    stale: number;
    blocked: number;
  };
  /** Seconds from a conversation's creation to the first agent message, by the message's time. */
  firstResponseSeconds: Distribution;
  /** Seconds from creation to closing as resolved, by the closing time. */
  resolutionSeconds: Distribution;
  messages: { visitor: number; agent: number; system: number };
  /** Conversations created, by chatbot then by category (the pre-chat answer marked as category). */
  byChatbot: Array<{ chatbotId: string; created: number }>;
  byCategory: Array<{ category: string; created: number }>;
  /** Conversations created per hour of the day (UTC), all 24 hours, 0 to 23. */
  hoursOfDay: Array<{ hour: number; created: number }>;
}

export interface TimeseriesPoint {
  /** Start of the hour or day, ISO 8601. Every step of the range is present, zeros included. */
  at: string;
  created: number;
  closed: number;
  abandoned: number;
  messages: number;
}

export interface AgentFigures {
  agentId: string;
  /** Messages the agent sent in the range. */
  messages: number;
  /** Times the agent was given a conversation in the range (join, transfer or auto). */
  assigned: number;
  /** Conversations the agent closed as resolved in the range. */
  resolved: number;
  /** Seconds to first response in conversations where this agent answered first. */
  firstResponseSeconds: Distribution;
}

/** The range an answer covers, as asked (ISO 8601). */
export interface AnalyticsRangeView {
  from: string;
  to: string;
  chatbotId: string | null;
}

/** `GET /api/analytics/overview` */
export type OverviewReport = AnalyticsRangeView & Overview;

/** `GET /api/analytics/timeseries` */
export type TimeseriesReport = AnalyticsRangeView & {
  interval: Interval;
  points: TimeseriesPoint[];
};

export type AgentReportRow = AgentFigures & { name: string | null; online: boolean };

/** `GET /api/analytics/agents`: agents with any activity in the range, most messages first. */
export type AgentsReport = AnalyticsRangeView & { agentsOnline: number; agents: AgentReportRow[] };
