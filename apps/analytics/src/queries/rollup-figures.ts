import {
  type AgentFigures,
  type CsatFigures,
  type Interval,
  type LabelsFigures,
  type Overview,
  type SlaFigures,
  type TimeseriesPoint,
} from '@app/contracts';
import { type Counter, parseCounter } from '../rollups/counter-names';
import { countsOf, type DayRollup, ROLLUP_SOURCES } from '../rollups/day-rollup.schema';
import { distributionOf } from '../rollups/durations';
import { hourStart } from '../rollups/rollup-time';
import { type CsatRow, csatFiguresOf } from './csat-figures';
import { SlaRows, slaFiguresOf } from './sla-figures';

/**
 * The API's figures from days of rollup counters (see counter-names.ts): overview and agents
 * count whole days; series count hours.
 */

const HOUR_MS = 3_600_000;
const REASONS = ['resolved', 'abandoned', 'stale', 'blocked'] as const;

/** A day's counters, summed over the parts each topic partition keeps. */
export interface DayCounters {
  day: string;
  counters: Counter[];
}

function add<K>(counts: Map<K, number>, key: K, count: number) {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

function sorted(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** A day's counters summed over its parts, narrowed to one chatbot's if one is given. */
export function countersOfDay(document: DayRollup, chatbotId?: string): DayCounters {
  const sums = new Map<string, number>();
  for (const source of ROLLUP_SOURCES)
    for (const part of Object.values(document.parts?.[source] ?? {}))
      for (const [name, count] of Object.entries(countsOf(part))) add(sums, name, count);
  const counters = [...sums]
    .map(([name, count]) => parseCounter(name, count))
    .filter((counter) => !chatbotId || counter.chatbotId === chatbotId);
  return { day: document.day, counters };
}

/** The range's figures, counted by whole days. */
export function overviewOf(days: DayCounters[]): Overview {
  const hours = new Array<number>(24).fill(0);
  const reasons = new Map<string, number>();
  const chatbots = new Map<string, number>();
  const categories = new Map<string, number>();
  const messages = { visitor: 0, agent: 0, system: 0 };
  const firstResponse = new Map<number, number>();
  const resolution = new Map<number, number>();
  for (const { counters } of days)
    for (const { kind, chatbotId, rest, count } of counters) {
      if (kind === 'created') {
        hours[Number(rest[0])] += count;
        add(chatbots, chatbotId, count);
      } else if (kind === 'category') add(categories, rest[0], count);
      else if (kind === 'closed') add(reasons, rest[1], count);
      else if (kind === 'messages') {
        const sender = rest[1].startsWith('agent:') ? 'agent' : rest[1];
        if (sender in messages) messages[sender as keyof typeof messages] += count;
      } else if (kind === 'firstResponse') add(firstResponse, Number(rest[1]), count);
      else if (kind === 'resolution') add(resolution, Number(rest[0]), count);
    }
  const reason = (name: string) => reasons.get(name) ?? 0;
  return {
    conversations: {
      created: hours.reduce((total, count) => total + count, 0),
      closed: REASONS.reduce((total, name) => total + reason(name), 0),
      resolved: reason('resolved'),
      abandoned: reason('abandoned'),
      stale: reason('stale'),
      blocked: reason('blocked'),
    },
    firstResponseSeconds: distributionOf(firstResponse),
    resolutionSeconds: distributionOf(resolution),
    messages,
    byChatbot: sorted(chatbots).map(([chatbotId, created]) => ({ chatbotId, created })),
    byCategory: sorted(categories).map(([category, created]) => ({ category, created })),
    hoursOfDay: hours.map((created, hour) => ({ hour, created })),
  };
}

/** A point per hour or day of [from, to), each counting the hours that start in it. */
export function timeseriesOf(
  days: DayCounters[],
  range: { from: Date; to: Date },
  interval: Interval,
): TimeseriesPoint[] {
  const points = new Map<number, TimeseriesPoint>();
  const step = interval === 'hour' ? HOUR_MS : 24 * HOUR_MS;
  for (let at = range.from.getTime(); at < range.to.getTime(); at += step)
    points.set(at, {
      at: new Date(at).toISOString(),
      created: 0,
      closed: 0,
      abandoned: 0,
      messages: 0,
    });
  for (const { day, counters } of days)
    for (const { kind, rest, count } of counters) {
      if (kind !== 'created' && kind !== 'closed' && kind !== 'messages') continue;
      const hour = Number(rest[0]);
      const start = hourStart(day, hour).getTime();
      const point = points.get(interval === 'hour' ? start : start - hour * HOUR_MS);
      if (!point) continue;
      if (kind === 'created') point.created += count;
      if (kind === 'messages') point.messages += count;
      if (kind === 'closed') {
        point.closed += count;
        if (rest[1] === 'abandoned') point.abandoned += count;
      }
    }
  return [...points.values()];
}

/** Agents with any activity in the days, most messages first. */
export function agentsOf(days: DayCounters[]): AgentFigures[] {
  type Figures = Omit<AgentFigures, 'firstResponseSeconds'> & { waits: Map<number, number> };
  const figures = new Map<string, Figures>();
  const of = (agentId: string) => {
    let agent = figures.get(agentId);
    if (!agent) {
      agent = { agentId, messages: 0, assigned: 0, resolved: 0, waits: new Map() };
      figures.set(agentId, agent);
    }
    return agent;
  };
  for (const { counters } of days)
    for (const { kind, rest, count } of counters) {
      if (kind === 'messages' && rest[1].startsWith('agent:'))
        of(rest[1].slice('agent:'.length)).messages += count;
      else if (kind === 'assigned') of(rest[0]).assigned += count;
      else if (kind === 'resolved') of(rest[0]).resolved += count;
      else if (kind === 'firstResponse') add(of(rest[0]).waits, Number(rest[1]), count);
    }
  return [...figures.values()]
    .map(({ waits, ...agent }) => ({ ...agent, firstResponseSeconds: distributionOf(waits) }))
    .sort((a, b) => b.messages - a.messages || (a.agentId < b.agentId ? -1 : 1));
}

/** The SLA figures of the days (see sla-figures.ts). */
export function slaOf(days: DayCounters[]): SlaFigures {
  const rows = new SlaRows();
  for (const { counters } of days)
    for (const { kind, rest, count } of counters) {
      if (kind === 'slaOutcome') {
        const [target, outcome, team, agent, category] = rest;
        rows.add(
          { target, team, agent, category },
          { measured: count, met: outcome === 'met' ? count : 0 },
        );
      } else if (kind === 'slaBreach') {
        const [target, team, agent, category] = rest;
        rows.add({ target, team, agent, category }, { breaches: count });
      }
    }
  return slaFiguresOf(rows.all());
}

/** Per label, how often it was put on conversations and taken off in the days; most added first. */
export function labelsOf(days: DayCounters[]): LabelsFigures {
  const figures = new Map<string, { labelId: string; added: number; removed: number }>();
  for (const { counters } of days)
    for (const { kind, rest, count } of counters) {
      if (kind !== 'label') continue;
      const [labelId, change] = rest;
      const label = figures.get(labelId) ?? { labelId, added: 0, removed: 0 };
      if (change === 'added') label.added += count;
      else label.removed += count;
      figures.set(labelId, label);
    }
  return {
    byLabel: [...figures.values()].sort(
      (a, b) => b.added - a.added || (a.labelId < b.labelId ? -1 : 1),
    ),
  };
}

/** CSAT overall, by agent and by team: each conversation by its latest rating in the range. */
export function csatOf(days: DayCounters[]): CsatFigures {
  const rows: CsatRow[] = [];
  for (const { counters } of days)
    for (const { kind, rest, count } of counters) {
      if (kind !== 'csat') continue;
      const [rating, agent, team] = rest;
      rows.push({ rating: Number(rating), agent, team, count });
    }
  return csatFiguresOf(rows);
}
