import { findOwnById } from '@app/auth';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { DayRollup, dayRollupId } from '../rollups/day-rollup.schema';
import { addHistogram, distributionOf } from '../rollups/durations';
import { asFieldName, fromFieldName } from '../rollups/field-names';
import { daysBetween, hourStart } from '../rollups/rollup-time';
import {
  type AgentFigures,
  type AnalyticsQueries,
  type AnalyticsRange,
  type Interval,
  type Overview,
  type TimeseriesPoint,
} from './analytics-queries';

const HOUR_MS = 3_600_000;
const REASONS = ['resolved', 'abandoned', 'stale', 'blocked'] as const;

/** Adds `count` to a tally under `key`. */
function tally(counts: Map<string, number>, key: string, count: number) {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

function sorted(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/**
 * The figures from the local rollups: a range reads one small document per day it touches.
 * Overview and agents count whole days; series count hours.
 */
@Injectable()
export class LocalQueries implements AnalyticsQueries {
  constructor(@InjectModel(DayRollup.name) private readonly days: Model<DayRollup>) {}

  async overview(range: AnalyticsRange): Promise<Overview> {
    const days = await this.load(range);
    const hours = new Array<number>(24).fill(0);
    const reasons = new Map<string, number>();
    const chatbots = new Map<string, number>();
    const categories = new Map<string, number>();
    const messages = { visitor: 0, agent: 0, system: 0 };
    const firstResponse = new Map<number, number>();
    const resolution = new Map<number, number>();
    for (const { document, bots } of days)
      for (const bot of bots) {
        const chatbotId = fromFieldName(bot);
        for (const [hour, count] of Object.entries(document.created?.[bot] ?? {})) {
          hours[Number(hour)] += count;
          tally(chatbots, chatbotId, count);
        }
        for (const [category, count] of Object.entries(document.categories?.[bot] ?? {}))
          tally(categories, fromFieldName(category), count);
        for (const byReason of Object.values(document.closed?.[bot] ?? {}))
          for (const [reason, count] of Object.entries(byReason)) tally(reasons, reason, count);
        for (const bySender of Object.values(document.messages?.[bot] ?? {}))
          for (const [sender, count] of Object.entries(bySender)) {
            const kind = fromFieldName(sender).startsWith('agent:') ? 'agent' : sender;
            if (kind in messages) messages[kind as keyof typeof messages] += count;
          }
        for (const histogram of Object.values(document.firstResponse?.[bot] ?? {}))
          addHistogram(firstResponse, histogram);
        addHistogram(resolution, document.resolution?.[bot]);
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

  async timeseries(range: AnalyticsRange, interval: Interval): Promise<TimeseriesPoint[]> {
    const days = await this.load(range);
    const points = new Map<number, TimeseriesPoint>();
    for (let at = range.from.getTime(); at < range.to.getTime(); at += stepMs(interval))
      points.set(at, {
        at: new Date(at).toISOString(),
        created: 0,
        closed: 0,
        abandoned: 0,
        messages: 0,
      });
    const pointAt = (day: string, hour: string) => {
      const start = hourStart(day, Number(hour)).getTime();
      return points.get(interval === 'hour' ? start : start - Number(hour) * HOUR_MS);
    };
    for (const { document, bots } of days)
      for (const bot of bots) {
        for (const [hour, count] of Object.entries(document.created?.[bot] ?? {})) {
          const point = pointAt(document.day, hour);
          if (point) point.created += count;
        }
        for (const [hour, byReason] of Object.entries(document.closed?.[bot] ?? {})) {
          const point = pointAt(document.day, hour);
          if (!point) continue;
          for (const [reason, count] of Object.entries(byReason)) {
            point.closed += count;
            if (reason === 'abandoned') point.abandoned += count;
          }
        }
        for (const [hour, bySender] of Object.entries(document.messages?.[bot] ?? {})) {
          const point = pointAt(document.day, hour);
          if (point) for (const count of Object.values(bySender)) point.messages += count;
        }
      }
    return [...points.values()];
  }

  async agents(range: AnalyticsRange): Promise<AgentFigures[]> {
    const days = await this.load(range);
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
    for (const { document, bots } of days)
      for (const bot of bots) {
        for (const bySender of Object.values(document.messages?.[bot] ?? {}))
          for (const [sender, count] of Object.entries(bySender)) {
            const who = fromFieldName(sender);
            if (who.startsWith('agent:')) of(who.slice('agent:'.length)).messages += count;
          }
        for (const [agent, count] of Object.entries(document.assigned?.[bot] ?? {}))
          of(fromFieldName(agent)).assigned += count;
        for (const [agent, count] of Object.entries(document.resolved?.[bot] ?? {}))
          of(fromFieldName(agent)).resolved += count;
        for (const [agent, histogram] of Object.entries(document.firstResponse?.[bot] ?? {}))
          addHistogram(of(fromFieldName(agent)).waits, histogram);
      }
    return [...figures.values()]
      .map(({ waits, ...agent }) => ({ ...agent, firstResponseSeconds: distributionOf(waits) }))
      .sort((a, b) => b.messages - a.messages || (a.agentId < b.agentId ? -1 : 1));
  }

  /** The range's day documents, each with the chatbots (as field names) it is narrowed to. */
  private async load(range: AnalyticsRange) {
    const documents = await Promise.all(
      daysBetween(range.from, range.to).map((day) =>
        findOwnById(this.days, dayRollupId(range.tenantId, day)),
      ),
    );
    return documents
      .filter((document) => document !== null)
      .map((document) => ({
        document,
        bots: range.chatbotId ? [asFieldName(range.chatbotId)] : chatbotsOf(document),
      }));
  }
}

/** Every chatbot a day's counters mention. */
function chatbotsOf(document: DayRollup): string[] {
  const bots = new Set<string>();
  for (const counters of [
    document.created,
    document.closed,
    document.messages,
    document.assigned,
    document.resolved,
    document.firstResponse,
    document.resolution,
  ])
    for (const bot of Object.keys(counters ?? {})) bots.add(bot);
  return [...bots];
}

function stepMs(interval: Interval): number {
  return interval === 'hour' ? HOUR_MS : 24 * HOUR_MS;
}
