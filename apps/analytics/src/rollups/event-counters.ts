import {
  ChatroomAssignedV1,
  ChatroomLabelledV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  CsatRatedV1,
  type EventEnvelope,
  type EventOf,
  MessageSentV1,
  SlaBreachedV1,
} from '@app/contracts';
import { counterName } from './counter-names';
import { type RollupSource } from './day-rollup.schema';
import { durationBucket } from './durations';
import { type CounterStep } from './part-counting';
import { dayOf, hourOf, secondsBetween } from './rollup-time';

/**
 * The counters (see counter-names.ts) an event adds one to, and the moment that decides its day;
 * `undo`: counters it takes one off, on the day of their own moment (what it replaces).
 */
type Counting<E> = (event: E) => {
  at: string;
  counters: string[];
  undo?: { at: string; counters: string[] };
};

const countCreated: Counting<EventOf<typeof ChatroomCreatedV1>> = ({ payload }) => {
  const counters = [counterName('created', payload.chatbotId, hourOf(new Date(payload.createdAt)))];
  if (payload.category) counters.push(counterName('category', payload.chatbotId, payload.category));
  return { at: payload.createdAt, counters };
};

const countAssigned: Counting<EventOf<typeof ChatroomAssignedV1>> = ({ payload }) => ({
  at: payload.assignedAt,
  counters: [counterName('assigned', payload.chatbotId, payload.agentId)],
});

const countClosed: Counting<EventOf<typeof ChatroomClosedV1>> = ({ payload }) => {
  const hour = hourOf(new Date(payload.closedAt));
  const counters = [counterName('closed', payload.chatbotId, hour, payload.reason)];
  if (payload.reason === 'resolved') {
    const open = secondsBetween(payload.createdAt, payload.closedAt);
    counters.push(counterName('resolution', payload.chatbotId, durationBucket(open)));
    if (payload.agentId) counters.push(counterName('resolved', payload.chatbotId, payload.agentId));
  }
  if (payload.sla) {
    const { teamId, category, firstResponseMet, resolutionMet } = payload.sla;
    const outcome = (target: string, met: boolean) =>
      counterName(
        'slaOutcome',
        payload.chatbotId,
        target,
        met ? 'met' : 'missed',
        teamId ?? '',
        payload.agentId ?? '',
        category ?? '',
      );
    if (firstResponseMet !== null) counters.push(outcome('first_response', firstResponseMet));
    counters.push(outcome('resolution', resolutionMet));
  }
  return { at: payload.closedAt, counters };
};

const countBreach: Counting<EventOf<typeof SlaBreachedV1>> = ({ payload }) => ({
  at: payload.breachedAt,
  counters: [
    counterName(
      'slaBreach',
      payload.chatbotId,
      payload.kind,
      payload.teamId ?? '',
      payload.agentId ?? '',
      payload.category ?? '',
    ),
  ],
});

const countLabelled: Counting<EventOf<typeof ChatroomLabelledV1>> = ({ payload }) => ({
  at: payload.at,
  counters: [counterName('label', payload.chatbotId, payload.labelId, payload.change)],
});

const countMessage: Counting<EventOf<typeof MessageSentV1>> = ({ payload }) => {
  const { sender, chatbotId } = payload;
  const who = sender.type === 'agent' ? `agent:${sender.id ?? 'unknown'}` : sender.type;
  const counters = [counterName('messages', chatbotId, hourOf(new Date(payload.sentAt)), who)];
  if (payload.firstAgentReply && payload.roomCreatedAt && sender.id) {
    const waited = secondsBetween(payload.roomCreatedAt, payload.sentAt);
    counters.push(counterName('firstResponse', chatbotId, sender.id, durationBucket(waited)));
  }
  return { at: payload.sentAt, counters };
};

/**
 * Each conversation counts once, by its latest rating: a replacement counts its rating and takes
 * the one it replaces off (on that one's day). All ratings of a room are on one partition (keyed
 * by room), whose part of the earlier day only it writes, so the offset check holds there too.
 */
const countCsat: Counting<EventOf<typeof CsatRatedV1>> = ({ payload }) => {
  const counter = (rating: number, agentId: string | null, teamId: string | null) =>
    counterName('csat', payload.chatbotId, rating, agentId ?? '', teamId ?? '');
  const { replaces } = payload;
  return {
    at: payload.ratedAt,
    counters: [counter(payload.rating, payload.agentId, payload.teamId)],
    ...(replaces
      ? {
          undo: {
            at: replaces.ratedAt,
            counters: [counter(replaces.rating, replaces.agentId, replaces.teamId)],
          },
        }
      : {}),
  };
};

const COUNTING: Record<string, { source: RollupSource; count: Counting<never> }> = {
  [ChatroomCreatedV1.topic]: { source: 'created', count: countCreated },
  [ChatroomAssignedV1.topic]: { source: 'assigned', count: countAssigned },
  [ChatroomClosedV1.topic]: { source: 'closed', count: countClosed },
  [MessageSentV1.topic]: { source: 'messages', count: countMessage },
  [SlaBreachedV1.topic]: { source: 'slaBreached', count: countBreach },
  [ChatroomLabelledV1.topic]: { source: 'labelled', count: countLabelled },
  [CsatRatedV1.topic]: { source: 'csatRated', count: countCsat },
};

/** What one tenant's day gets from a batch: a step per counter per event. */
export interface TenantDaySteps {
  tenantId: string;
  day: string;
  steps: CounterStep[];
}

/**
 * A partition batch of one counted topic as counter steps, one group per tenant day it touches
 * (an event's day is the UTC day of the moment it records), and the part of the day they go in.
 */
export function stepsOfBatch(
  topic: string,
  events: Array<{ event: EventEnvelope; offset: string }>,
): { source: RollupSource; days: TenantDaySteps[] } {
  const { source, count } = COUNTING[topic] as {
    source: RollupSource;
    count: Counting<EventEnvelope>;
  };
  const days = new Map<string, TenantDaySteps>();
  const stepsOn = (tenantId: string, at: string) => {
    const day = dayOf(new Date(at));
    const key = `${tenantId}:${day}`;
    const counters = days.get(key) ?? { tenantId, day, steps: [] };
    days.set(key, counters);
    return counters.steps;
  };
  for (const { event, offset } of events) {
    const { at, counters: names, undo } = count(event);
    const steps = stepsOn(event.tenantId, at);
    for (const counter of names) steps.push({ counter, offset: Number(offset) });
    if (!undo) continue;
    const undoSteps = stepsOn(event.tenantId, undo.at);
    for (const counter of undo.counters)
      undoSteps.push({ counter, offset: Number(offset), by: -1 });
  }
  return { source, days: [...days.values()] };
}
