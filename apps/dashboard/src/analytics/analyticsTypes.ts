/** p50 and p90 of a set of durations; null when there were none (count 0). */
export interface Durations {
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface Overview {
  from: string;
  to: string;
  chatbotId: string | null;
  conversations: {
    created: number;
    closed: number;
    resolved: number;
    abandoned: number;
    stale: number;
    blocked: number;
  };
  firstResponseSeconds: Durations;
  resolutionSeconds: Durations;
  messages: { visitor: number; agent: number; system: number };
  byChatbot: { chatbotId: string; created: number }[];
  byCategory: { category: string; created: number }[];
  hoursOfDay: { hour: number; created: number }[];
}

export type Interval = 'hour' | 'day';

export interface Timeseries {
  from: string;
  to: string;
  interval: Interval;
  points: { at: string; created: number; closed: number; abandoned: number; messages: number }[];
}

export interface AgentFigures {
  agentId: string;
  name: string | null;
  online: boolean;
  messages: number;
  assigned: number;
  resolved: number;
  firstResponseSeconds: Durations;
}

export interface AgentsReport {
  agentsOnline: number;
  agents: AgentFigures[];
}
