import { findOwnById } from '@app/auth';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { DayRollup, dayRollupId } from '../rollups/day-rollup.schema';
import { fromFieldName } from '../rollups/field-names';
import { daysBetween, hourStart } from '../rollups/rollup-time';
import {
  type AgentFigures,
  type AnalyticsQueries,
  type AnalyticsRange,
  type Interval,
  type Overview,
  type TimeseriesPoint,
} from './analytics-queries';
import { distribution } from './distribution';

const HOUR_MS = 3_600_000;

/** One hour of one tenant's day, with what happened in it. */
interface Entry {
  at: number;
  chatbotId: string;
}

/** The figures from the local rollups: a range reads one document per day it touches. */
@Injectable()
export class LocalQueries implements AnalyticsQueries {
  constructor(@InjectModel(DayRollup.name) private readonly days: Model<DayRollup>) {}

  async overview(range: AnalyticsRange): Promise<Overview> {
    const facts = await this.facts(range);
    const count = (reason: string) => facts.closed.filter((entry) => entry.r === reason).length;
    const tally = (values: Array<string | undefined>) => {
      const counts = new Map<string, number>();
      for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    };
    const hours = new Array<number>(24).fill(0);
    for (const entry of facts.created) hours[new Date(entry.at).getUTCHours()] += 1;
    return {
      conversations: {
        created: facts.created.length,
        closed: facts.closed.length,
        resolved: count('resolved'),
        abandoned: count('abandoned'),
        stale: count('stale'),
        blocked: count('blocked'),
      },
      firstResponseSeconds: distribution(facts.replied.map((entry) => entry.s)),
      resolutionSeconds: distribution(
        facts.closed.filter((entry) => entry.r === 'resolved').map((entry) => entry.s),
      ),
      messages: {
        visitor: sum(facts.messages.filter((entry) => entry.sender === 'visitor')),
        agent: sum(facts.messages.filter((entry) => entry.sender.startsWith('agent:'))),
        system: sum(facts.messages.filter((entry) => entry.sender === 'system')),
      },
      byChatbot: tally(facts.created.map((entry) => entry.chatbotId)).map(
        ([chatbotId, created]) => ({ chatbotId, created }),
      ),
      byCategory: tally(facts.created.map((entry) => entry.c)).map(([category, created]) => ({
        category,
        created,
      })),
      hoursOfDay: hours.map((created, hour) => ({ hour, created })),
    };
  }

  async timeseries(range: AnalyticsRange, interval: Interval): Promise<TimeseriesPoint[]> {
    const facts = await this.facts(range);
    const start = stepStart(range.from, interval);
    const points: TimeseriesPoint[] = [];
    const index = new Map<number, TimeseriesPoint>();
    for (let at = start; at < range.to.getTime(); at = nextStep(at, interval)) {
      const point = {
        at: new Date(at).toISOString(),
        created: 0,
        closed: 0,
        abandoned: 0,
        messages: 0,
      };
      points.push(point);
      index.set(at, point);
    }
    const pointOf = (at: number) => index.get(stepStart(new Date(at), interval))!;
    for (const entry of facts.created) pointOf(entry.at).created += 1;
    for (const entry of facts.closed) {
      pointOf(entry.at).closed += 1;
      if (entry.r === 'abandoned') pointOf(entry.at).abandoned += 1;
    }
    for (const entry of facts.messages) pointOf(entry.at).messages += entry.count;
    return points;
  }

  async agents(range: AnalyticsRange): Promise<AgentFigures[]> {
    const facts = await this.facts(range);
    const figures = new Map<
      string,
      Omit<AgentFigures, 'firstResponseSeconds'> & { waits: number[] }
    >();
    const of = (agentId: string) => {
      let agent = figures.get(agentId);
      if (!agent) {
        agent = { agentId, messages: 0, assigned: 0, resolved: 0, waits: [] };
        figures.set(agentId, agent);
      }
      return agent;
    };
    for (const entry of facts.messages)
      if (entry.sender.startsWith('agent:'))
        of(entry.sender.slice('agent:'.length)).messages += entry.count;
    for (const entry of facts.assigned) of(entry.a).assigned += 1;
    for (const entry of facts.closed)
      if (entry.r === 'resolved' && entry.a) of(entry.a).resolved += 1;
    for (const entry of facts.replied) of(entry.a).waits.push(entry.s);
    return [...figures.values()]
      .map(({ waits, ...agent }) => ({ ...agent, firstResponseSeconds: distribution(waits) }))
      .sort((a, b) => b.messages - a.messages || a.agentId.localeCompare(b.agentId));
  }

  /** Every entry and counter of the range, each with its hour, narrowed to the chatbot if given. */
  private async facts(range: AnalyticsRange) {
    const documents = await Promise.all(
      daysBetween(range.from, range.to).map((day) =>
        findOwnById(this.days, dayRollupId(range.tenantId, day)),
      ),
    );
    const from = range.from.getTime();
    const to = range.to.getTime();
    const wanted = (entry: Entry) =>
      entry.at >= from &&
      entry.at < to &&
      (range.chatbotId === undefined || entry.chatbotId === range.chatbotId);
    const entries = <T extends { h: number; b: string }>(
      day: string,
      map: Record<string, T> | undefined,
    ) =>
      Object.values(map ?? {})
        .map((entry) => ({ ...entry, at: hourStart(day, entry.h).getTime(), chatbotId: entry.b }))
        .filter(wanted);
    const present = documents.filter((document) => document !== null);
    return {
      created: present.flatMap((document) => entries(document.day, document.created)),
      closed: present.flatMap((document) => entries(document.day, document.closed)),
      replied: present.flatMap((document) => entries(document.day, document.replied)),
      assigned: present.flatMap((document) => entries(document.day, document.assigned)),
      messages: present.flatMap((document) => messageCounts(document)).filter(wanted),
    };
  }
}

/** The day's message counters as one item per chatbot, hour and sender. */
function messageCounts(document: DayRollup) {
  return Object.entries(document.messages ?? {}).flatMap(([chatbot, hours]) =>
    Object.entries(hours).flatMap(([hour, senders]) =>
      Object.entries(senders).map(([sender, count]) => ({
        at: hourStart(document.day, Number(hour)).getTime(),
        chatbotId: fromFieldName(chatbot),
        sender: fromFieldName(sender),
        count,
      })),
    ),
  );
}

function sum(items: Array<{ count: number }>): number {
  return items.reduce((total, item) => total + item.count, 0);
}

function stepStart(at: Date, interval: Interval): number {
  const hour = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  return interval === 'hour' ? hour : hour - new Date(hour).getUTCHours() * HOUR_MS;
}

function nextStep(at: number, interval: Interval): number {
  return at + (interval === 'hour' ? HOUR_MS : 24 * HOUR_MS);
}
