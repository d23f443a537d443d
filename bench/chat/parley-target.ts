import { NotificationRequestedV1 } from '@app/contracts';
import { eventually, TopicProbe } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { emailedToken } from '../emailed-links';
import { signUpWorkspace } from '../workspace';
import { call, inBatches } from './http';
import { connectSocket } from './load';
import { type Target } from './target';

const ORIGIN = 'https://bench.example';

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
}

/** How the bench's rooms reach agents: each agent joins its share, or round-robin hands them out. */
export type BenchAssignment = 'join' | 'round-robin';

/**
 * A tenant set up through the public API behind nginx: `agents` agents (the admin and invited
 * colleagues, each allowed their share of the chats) and `visitors` widget sessions. With
 * `join`, each room is joined by one agent in turn; with `round-robin`, the workspace's
 * auto-assignment is on and the agents are connected while the sessions open, so every room
 * is handed out by chat's assignment rules, and each agent then takes the rooms it was given.
 */
export async function parleyTarget(options: {
  base: string;
  visitors: number;
  agents: number;
  sealKey: string;
  assignment: BenchAssignment;
}): Promise<
  Target & {
    adminToken: string;
    assignment?: AssignmentResult;
    /**
     * Opens `count` more widget sessions on the bench's chatbot, named `Visitor <label>-<n>`:
     * rooms no agent joins (with `round-robin`, the workspace hands them out as it can).
     */
    openVisitors(count: number, label: string): Promise<Target['visitors']>;
    /**
     * A new access token for the agent at `index` (of `agents`), as the dashboard refreshes its
     * own before it runs out; the agent's refresh token is rotated with it.
     */
    refreshAgentToken(index: number): Promise<string>;
  }
> {
  const { base } = options;
  const share = Math.ceil(options.visitors / options.agents);
  const password = 'bench password 1';
  const workspace = await signUpWorkspace(
    base,
    options.sealKey,
    `Bench ${new Date().toISOString()}`,
  );
  const admin: Session = { ...workspace, user: { id: workspace.adminId } };
  await call(base, 'PATCH', `/api/tenant/agents/${admin.user.id}`, {
    token: admin.accessToken,
    body: { maxConcurrentChats: share },
  });

  const agents: Session[] = [admin];
  const mails = await TopicProbe.start([NotificationRequestedV1.topic]);
  try {
    for (let index = 1; index < options.agents; index += 1) {
      const email = `bench-agent-${randomUUID()}@example.test`;
      await call(base, 'POST', '/api/tenant/agents/invitations', {
        token: admin.accessToken,
        body: { email, name: `Agent ${index}`, maxConcurrentChats: share },
      });
      const token = await emailedToken(mails, email, 'agent-invite', options.sealKey);
      agents.push(
        await call<Session>(base, 'POST', '/api/tenant/auth/invitations/accept', {
          body: { token, password },
        }),
      );
    }
  } finally {
    await mails.stop();
  }

  const chatbot = await call<{ id: string; apiKey: string; tenantId: string }>(
    base,
    'POST',
    '/api/tenant/chatbots',
    { token: admin.accessToken, body: { name: 'Bench', allowedOrigins: [ORIGIN] } },
  );
  const openSession = (index: number | string) =>
    call<{ roomId: string; visitorToken: string }>(base, 'POST', '/api/chat/widget/sessions', {
      headers: { origin: ORIGIN },
      body: {
        tenantId: chatbot.tenantId,
        chatbotId: chatbot.id,
        apiKey: chatbot.apiKey,
        name: `Visitor ${index}`,
        email: `visitor-${index}@example.test`,
      },
    });
  // Chat learns of the chatbot from Kafka; the first session waits for that (and for any
  // backlog a long-lived local consumer group has to work through first).
  const first = await eventually(() => openSession(-1), { timeoutMs: 300_000, intervalMs: 200 });
  const openAll = () =>
    inBatches(
      Array.from({ length: options.visitors }, (_, index) => index),
      16,
      openSession,
    );

  let sessions: Array<{ roomId: string; visitorToken: string }>;
  let roomsOf: string[][];
  let assignment: AssignmentResult | undefined;
  if (options.assignment === 'round-robin') {
    ({ sessions, roomsOf, assignment } = await handedOut(base, admin, agents, {
      openAll,
      probe: () => openSession(-2),
      waiting: [first.roomId],
    }));
  } else {
    sessions = await openAll();
    roomsOf = agents.map((_, index) =>
      sessions.filter((_, room) => room % agents.length === index).map((s) => s.roomId),
    );
  }

  return {
    name: `Parley through nginx (${options.assignment})`,
    adminToken: admin.accessToken,
    url: base,
    assignment,
    visitors: sessions.map((session) => ({
      auth: { token: session.visitorToken },
      roomId: session.roomId,
    })),
    agents: agents.map((agent, index) => ({
      auth: { token: agent.accessToken },
      roomIds: roomsOf[index],
    })),
    async storedVisitorMessages(roomIds) {
      const counts = await inBatches(roomIds, 8, async (roomId) => {
        const messages = await roomMessages(base, admin.accessToken, roomId);
        return messages.filter((message) => message.sender.type === 'visitor').length;
      });
      return counts.reduce((sum, count) => sum + count, 0);
    },
    async openVisitors(count, label) {
      const opened = await inBatches(
        Array.from({ length: count }, (_, index) => `${label}-${index}`),
        16,
        openSession,
      );
      return opened.map((session) => ({
        auth: { token: session.visitorToken },
        roomId: session.roomId,
      }));
    },
    async refreshAgentToken(index) {
      const pair = await call<{ accessToken: string; refreshToken: string }>(
        base,
        'POST',
        '/api/tenant/auth/refresh',
        { body: { refreshToken: agents[index].refreshToken } },
      );
      agents[index] = { ...agents[index], ...pair };
      return pair.accessToken;
    },
    async close() {},
  };
}

export interface StoredMessage {
  seq: number;
  clientMessageId?: string;
  sender: { type: string };
}

/** Every message stored in a room, read as an agent reads the history, page by page. */
export async function roomMessages(
  base: string,
  token: string,
  roomId: string,
): Promise<StoredMessage[]> {
  const messages: StoredMessage[] = [];
  for (let after = 0; ;) {
    const page = await call<{ messages: StoredMessage[]; hasMore: boolean }>(
      base,
      'GET',
      `/api/chat/rooms/${roomId}/messages?after=${after}&limit=500`,
      { token },
    );
    messages.push(...page.messages);
    if (!page.hasMore || page.messages.length === 0) return messages;
    after = page.messages.at(-1)!.seq;
  }
}

/** How round-robin handed the bench's rooms out. */
export interface AssignmentResult {
  /** From the first session opened to the last room assigned. */
  allAssignedMs: number;
  /** Rooms each agent was given: even when the rules are fair. */
  roomsPerAgent: number[];
}

/**
 * Turns round-robin on, connects every agent (available), opens the sessions and waits until
 * chat has given every room to an agent; the rooms each agent holds, from `GET /rooms/mine`.
 */
async function handedOut(
  base: string,
  admin: Session,
  agents: Session[],
  open: {
    openAll: () => Promise<Array<{ roomId: string; visitorToken: string }>>;
    probe: () => Promise<{ roomId: string }>;
    /** Rooms opened before, still waiting: handed out too once round-robin is on. */
    waiting: string[];
  },
) {
  await call(base, 'PATCH', '/api/tenant/settings', {
    token: admin.accessToken,
    body: { autoAssignment: 'round-robin' },
  });
  const sockets = await inBatches(agents, 4, (agent) =>
    connectSocket(base, 'agent', { token: agent.accessToken }),
  );
  const mine = (agent: Session) =>
    call<{ rooms: Array<{ roomId: string }> }>(base, 'GET', '/api/chat/rooms/mine', {
      token: agent.accessToken,
    }).then((answer) => answer.rooms.map((room) => room.roomId));
  const holderOf = async (roomIds: string[]) => {
    const held = await Promise.all(agents.map(mine));
    return roomIds.map((roomId) => held.findIndex((rooms) => rooms.includes(roomId)));
  };
  try {
    // Chat applies the setting from Kafka: a probe room handed out shows it has. Probes opened
    // before it had are handed out later, so every probe (and every room that waited before) is
    // closed again once given, that none takes an agent's place.
    const probes: string[] = [...open.waiting];
    await eventually(
      async () => {
        probes.push((await open.probe()).roomId);
        await eventually(
          async () => {
            if ((await holderOf(probes)).every((holder) => holder < 0)) {
              throw new Error('no probe room is assigned yet');
            }
          },
          { timeoutMs: 3000, intervalMs: 100 },
        );
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const closedProbes = new Set<string>();
    await eventually(
      async () => {
        const holders = await holderOf(probes);
        for (const [index, roomId] of probes.entries()) {
          if (closedProbes.has(roomId) || holders[index] < 0) continue;
          const closed = await sockets[holders[index]].emitWithAck('room:close', {
            roomId,
            reason: 'resolved',
          });
          if (closed?.error) throw new Error(`room:close: ${closed.error.code}`);
          closedProbes.add(roomId);
        }
        if (closedProbes.size < probes.length) {
          throw new Error(`${probes.length - closedProbes.size} probe rooms are not assigned yet`);
        }
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const started = Date.now();
    const sessions = await open.openAll();
    const wanted = new Set(sessions.map((session) => session.roomId));
    const roomsOf = await eventually(
      async () => {
        const held = await Promise.all(agents.map(mine));
        const given = held.flat().filter((roomId) => wanted.has(roomId)).length;
        if (given < wanted.size) throw new Error(`${given} of ${wanted.size} rooms assigned`);
        return held.map((rooms) => rooms.filter((roomId) => wanted.has(roomId)));
      },
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    const allAssignedMs = Date.now() - started;
    return {
      sessions,
      roomsOf,
      assignment: { allAssignedMs, roomsPerAgent: roomsOf.map((rooms) => rooms.length) },
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}
