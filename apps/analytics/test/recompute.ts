import {
  type AgentFigures,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  type Distribution,
  MessageSentV1,
  type Overview,
  type TimeseriesPoint,
} from '@app/contracts';
import { type Published } from './generated-day';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The figures computed the plain way, straight from the raw events, to hold the rollups to:
 * nothing here is shared with the service's code.
 */
export class Recomputed {
  private readonly created: Payload[];
  private readonly closed: Payload[];
  private readonly assigned: Payload[];
  private readonly messages: Payload[];

  constructor(
    events: Published[],
    private readonly from: Date,
    private readonly to: Date,
    chatbotId?: string,
    /** As the local rollups keep durations: in buckets (see `bucketed` below). */
    private readonly bucketDurations = false,
  ) {
    const of = (topic: string) =>
      events
        .filter((published) => published.topic === topic)
        .map((published) => published.event.payload as Payload)
        .filter((payload) => !chatbotId || payload.chatbotId === chatbotId);
    this.created = of(ChatroomCreatedV1.topic);
    this.closed = of(ChatroomClosedV1.topic);
    this.assigned = of(ChatroomAssignedV1.topic);
    this.messages = of(MessageSentV1.topic);
  }

  private inRange(at: string): boolean {
    const time = new Date(at).getTime();
    return time >= this.from.getTime() && time < this.to.getTime();
  }

  /** Each room's first agent message, with the room's creation time, if both are known. */
  private firstReplies() {
    const createdAt = new Map(this.created.map((room) => [room.roomId, room.createdAt]));
    const first = new Map<string, Payload>();
    for (const message of this.messages) {
      if (message.sender.type !== 'agent') continue;
      const earlier = first.get(message.roomId);
      if (!earlier || message.sentAt < earlier.sentAt) first.set(message.roomId, message);
    }
    return [...first.values()]
      .filter((message) => createdAt.has(message.roomId) && this.inRange(message.sentAt))
      .map((message) => ({
        agentId: message.sender.id as string,
        seconds: this.duration(createdAt.get(message.roomId), message.sentAt),
      }));
  }

  overview(): Overview {
    const created = this.created.filter((room) => this.inRange(room.createdAt));
    const closed = this.closed.filter((room) => this.inRange(room.closedAt));
    const messages = this.messages.filter((message) => this.inRange(message.sentAt));
    const reason = (name: string) => closed.filter((room) => room.reason === name);
    const counted = (keys: string[]) => {
      const counts: Record<string, number> = {};
      for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
      return Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    };
    return {
      conversations: {
        created: created.length,
        closed: closed.length,
        resolved: reason('resolved').length,
        abandoned: reason('abandoned').length,
        stale: reason('stale').length,
        blocked: reason('blocked').length,
      },
      firstResponseSeconds: percentiles(this.firstReplies().map((reply) => reply.seconds)),
      resolutionSeconds: percentiles(
        reason('resolved').map((room) => this.duration(room.createdAt, room.closedAt)),
      ),
      messages: {
        visitor: messages.filter((message) => message.sender.type === 'visitor').length,
        agent: messages.filter((message) => message.sender.type === 'agent').length,
        system: messages.filter((message) => message.sender.type === 'system').length,
      },
      byChatbot: counted(created.map((room) => room.chatbotId)).map(([chatbotId, count]) => ({
        chatbotId,
        created: count,
      })),
      byCategory: counted(created.filter((room) => room.category).map((room) => room.category)).map(
        ([category, count]) => ({ category, created: count }),
      ),
      hoursOfDay: Array.from({ length: 24 }, (_, hour) => ({
        hour,
        created: created.filter((room) => new Date(room.createdAt).getUTCHours() === hour).length,
      })),
    };
  }

  hourly(): TimeseriesPoint[] {
    const points: TimeseriesPoint[] = [];
    for (let at = this.from.getTime(); at < this.to.getTime(); at += 3_600_000) {
      const within = (time: string) => {
        const value = new Date(time).getTime();
        return value >= at && value < at + 3_600_000;
      };
      const closed = this.closed.filter((room) => within(room.closedAt));
      points.push({
        at: new Date(at).toISOString(),
        created: this.created.filter((room) => within(room.createdAt)).length,
        closed: closed.length,
        abandoned: closed.filter((room) => room.reason === 'abandoned').length,
        messages: this.messages.filter((message) => within(message.sentAt)).length,
      });
    }
    return points;
  }

  /** The hourly points summed by day: what `interval=day` answers. */
  daily(): TimeseriesPoint[] {
    const days = new Map<string, TimeseriesPoint>();
    for (const point of this.hourly()) {
      const at = `${point.at.slice(0, 10)}T00:00:00.000Z`;
      const day = days.get(at) ?? { at, created: 0, closed: 0, abandoned: 0, messages: 0 };
      for (const figure of ['created', 'closed', 'abandoned', 'messages'] as const)
        day[figure] += point[figure];
      days.set(at, day);
    }
    return [...days.values()];
  }

  agents(): AgentFigures[] {
    const ids = new Set<string>();
    const messages = this.messages.filter(
      (message) => message.sender.type === 'agent' && this.inRange(message.sentAt),
    );
    const assigned = this.assigned.filter((assignment) => this.inRange(assignment.assignedAt));
    const resolved = this.closed.filter(
      (room) => room.reason === 'resolved' && room.agentId && this.inRange(room.closedAt),
    );
    const replies = this.firstReplies();
    for (const message of messages) ids.add(message.sender.id);
    for (const assignment of assigned) ids.add(assignment.agentId);
    for (const room of resolved) ids.add(room.agentId);
    for (const reply of replies) ids.add(reply.agentId);
    return [...ids]
      .map((agentId) => ({
        agentId,
        messages: messages.filter((message) => message.sender.id === agentId).length,
        assigned: new Set(
          assigned
            .filter((assignment) => assignment.agentId === agentId)
            .map((assignment) => assignment.roomId),
        ).size,
        resolved: resolved.filter((room) => room.agentId === agentId).length,
        firstResponseSeconds: percentiles(
          replies.filter((reply) => reply.agentId === agentId).map((reply) => reply.seconds),
        ),
      }))
      .sort((a, b) => b.messages - a.messages || a.agentId.localeCompare(b.agentId));
  }

  private duration(from: string, to: string): number {
    const value = seconds(from, to);
    return this.bucketDurations ? bucketed(value) : value;
  }
}

/**
 * The local rollups' duration buckets, restated: whole seconds under 2 minutes, then 5 s steps
 * to 10 minutes, 30 s to an hour, 5 minutes to a day, hours beyond; a value counts as its
 * bucket's start.
 */
function bucketed(value: number): number {
  const limits: Array<[number, number]> = [
    [120, 1],
    [600, 5],
    [3600, 30],
    [86_400, 300],
    [Infinity, 3600],
  ];
  const step = limits.find(([limit]) => value < limit)![1];
  return Math.floor(value / step) * step;
}

function seconds(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000);
}

/** p50/p90 as the sorted values' element at floor(level × count). */
function percentiles(values: number[]): Distribution {
  if (values.length === 0) return { count: 0, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: sorted[Math.floor(0.5 * sorted.length)],
    p90: sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))],
  };
}
