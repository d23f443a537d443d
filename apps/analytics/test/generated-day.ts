import {
  AgentPresenceChangedV1,
  ChatbotCreatedV1,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  emptyJourney,
  type EventEnvelope,
  MessageSentV1,
} from '@app/contracts';
import { randomUUID } from 'node:crypto';

export interface Published {
  topic: string;
  key: string;
  event: EventEnvelope<Record<string, unknown>>;
}

export interface GeneratedDay {
  tenantId: string;
  chatbots: string[];
  agents: string[];
  /** In the order a producer would publish them (each room's events in order). */
  events: Published[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const CATEGORIES = ['billing', 'sales', 'support'];

/** A small deterministic generator, so a failing run can be repeated with the same data. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    chance: (probability: number) => next() < probability,
    between: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    pick: <T>(items: T[]) => items[Math.floor(next() * items.length)],
  };
}

/**
 * A realistic day of one tenant: conversations all through the day (busier in office hours),
 * most answered by an agent, some transferred, closed for every reason or still open, some
 * crossing midnight, with visitor, agent and system messages and agents' presence.
 */
export function generateDay(
  tenantId: string,
  day: Date,
  rooms: number,
  seed: number,
  /** The tenant's chatbots and agents, for a tenant generated over several days. */
  cast: { chatbots?: string[]; agents?: string[] } = {},
): GeneratedDay {
  const random = seeded(seed);
  const chatbots = cast.chatbots ?? [`bot-${randomUUID()}`, `bot-${randomUUID()}`];
  const agents = cast.agents ?? [0, 1, 2].map(() => `agent-${randomUUID()}`);
  const events: Published[] = [];
  const publish = (
    definition: { type: string; topic: string },
    key: string,
    at: number,
    payload: Record<string, unknown>,
  ) =>
    events.push({
      topic: definition.topic,
      key,
      event: {
        id: randomUUID(),
        type: definition.type,
        version: 1,
        tenantId,
        occurredAt: new Date(at).toISOString(),
        payload,
      },
    });
  const iso = (at: number) => new Date(at).toISOString();

  for (const chatbotId of chatbots)
    publish(ChatbotCreatedV1, tenantId, day.getTime(), {
      chatbotId,
      name: `Chatbot ${chatbotId.slice(4, 8)}`,
      allowedOrigins: ['https://shop.example'],
      appearance: {
        color: '#2563eb',
        greeting: 'Hi!',
        waitingMessage: 'A live agent will join the chat shortly.',
      },
      journey: emptyJourney(),
      apiKeySha256: null,
    });
  for (const agentId of agents) {
    publish(AgentPresenceChangedV1, tenantId, day.getTime() + 8 * 60 * MINUTE, {
      agentId,
      status: 'online',
      at: iso(day.getTime() + 8 * 60 * MINUTE),
    });
  }
  publish(AgentPresenceChangedV1, tenantId, day.getTime() + 17 * 60 * MINUTE, {
    agentId: agents[2],
    status: 'offline',
    at: iso(day.getTime() + 17 * 60 * MINUTE),
  });

  for (let index = 0; index < rooms; index++) {
    const roomId = `room-${randomUUID()}`;
    const chatbotId = random.pick(chatbots);
    const officeHours = random.chance(0.7);
    const createdAt =
      day.getTime() +
      (officeHours ? random.between(9 * 60, 17 * 60) : random.between(0, 24 * 60 - 1)) * MINUTE +
      random.between(0, 59) * SECOND;
    const category = random.chance(0.8) ? random.pick(CATEGORIES) : undefined;
    publish(ChatroomCreatedV1, roomId, createdAt, {
      roomId,
      chatbotId,
      displayId: index + 1,
      visitor: { name: 'Vera', email: 'vera@example.test', ip: '10.0.0.1', browser: {} },
      answers: category ? { topic: category } : {},
      ...(category ? { category } : {}),
      createdAt: iso(createdAt),
    });
    let seq = 0;
    let clock = createdAt;
    let agentReplied = false;
    const message = (sender: { type: string; id?: string }) => {
      seq += 1;
      const firstAgentReply = sender.type === 'agent' && !agentReplied;
      if (firstAgentReply) agentReplied = true;
      publish(MessageSentV1, roomId, clock, {
        roomId,
        chatbotId,
        messageId: randomUUID(),
        seq,
        sender,
        length: random.between(1, 300),
        sentAt: iso(clock),
        roomCreatedAt: iso(createdAt),
        ...(firstAgentReply ? { firstAgentReply } : {}),
      });
    };
    message({ type: 'system' });
    for (let count = random.between(1, 3); count > 0; count--) {
      clock += random.between(5, 90) * SECOND;
      message({ type: 'visitor' });
    }

    let agentId: string | undefined;
    if (random.chance(0.8)) {
      clock += random.between(10, 40 * 60) * SECOND;
      agentId = random.pick(agents);
      publish(ChatroomAssignedV1, roomId, clock, {
        roomId,
        chatbotId,
        agentId,
        how: 'join',
        queuedAt: iso(createdAt),
        assignedAt: iso(clock),
      });
      for (let count = random.between(1, 6); count > 0; count--) {
        clock += random.between(5, 240) * SECOND;
        message(random.chance(0.5) ? { type: 'agent', id: agentId } : { type: 'visitor' });
      }
      if (random.chance(0.15)) {
        const previousAgentId = agentId;
        agentId = agents.find((agent) => agent !== previousAgentId)!;
        clock += random.between(10, 120) * SECOND;
        publish(ChatroomAssignedV1, roomId, clock, {
          roomId,
          chatbotId,
          agentId,
          how: 'transfer',
          previousAgentId,
          queuedAt: iso(createdAt),
          assignedAt: iso(clock),
        });
        clock += random.between(5, 120) * SECOND;
        message({ type: 'agent', id: agentId });
      }
    }

    const outcome = random.pick(['resolved', 'resolved', 'abandoned', 'stale', 'blocked', 'open']);
    if (outcome === 'open') continue;
    const reason = agentId ? outcome : outcome === 'resolved' ? 'abandoned' : outcome;
    clock += (reason === 'abandoned' ? 10 * 60 : random.between(60, 90 * 60)) * SECOND;
    publish(ChatroomClosedV1, roomId, clock, {
      roomId,
      chatbotId,
      reason,
      ...(agentId && reason !== 'abandoned' ? { agentId } : {}),
      closedBy: reason === 'abandoned' ? 'system' : 'agent',
      createdAt: iso(createdAt),
      closedAt: iso(clock),
    });
  }
  return { tenantId, chatbots, agents, events };
}
