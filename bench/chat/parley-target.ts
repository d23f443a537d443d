import { NotificationRequestedV1 } from '@app/contracts';
import { eventually, TopicProbe } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { emailedToken } from '../emailed-links';
import { call, inBatches } from './http';
import { type Target } from './target';

const ORIGIN = 'https://bench.example';

interface Session {
  accessToken: string;
  user: { id: string };
}

/**
 * A tenant set up through the public API behind nginx: `agents` agents (the admin and invited
 * colleagues, each allowed their share of the chats) and `visitors` widget sessions, each
 * room joined by one agent.
 */
export async function parleyTarget(options: {
  base: string;
  visitors: number;
  agents: number;
  sealKey: string;
}): Promise<Target> {
  const { base } = options;
  const share = Math.ceil(options.visitors / options.agents);
  const password = 'bench password 1';
  const mails = await TopicProbe.start([NotificationRequestedV1.topic]);
  const adminEmail = `bench-${randomUUID()}@example.test`;
  await call(base, 'POST', '/api/tenant/auth/signup', {
    body: {
      tenantName: `Bench ${new Date().toISOString()}`,
      name: 'Bench Admin',
      email: adminEmail,
      password,
    },
  });
  // The admin follows the emailed link, which activates the workspace and signs in.
  const admin = await call<Session>(base, 'POST', '/api/tenant/auth/verify-email', {
    body: { token: await emailedToken(mails, adminEmail, 'email-verification', options.sealKey) },
  });
  await call(base, 'PATCH', `/api/tenant/agents/${admin.user.id}`, {
    token: admin.accessToken,
    body: { maxConcurrentChats: share },
  });

  const agents: Session[] = [admin];
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
  const openSession = (index: number) =>
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
  await eventually(() => openSession(-1), { timeoutMs: 300_000, intervalMs: 200 });
  const sessions = await inBatches(
    Array.from({ length: options.visitors }, (_, index) => index),
    16,
    openSession,
  );

  return {
    name: 'Parley through nginx',
    url: base,
    visitors: sessions.map((session) => ({
      auth: { token: session.visitorToken },
      roomId: session.roomId,
    })),
    agents: agents.map((agent, index) => ({
      auth: { token: agent.accessToken },
      roomIds: sessions.filter((_, room) => room % agents.length === index).map((s) => s.roomId),
    })),
    async storedVisitorMessages(roomIds) {
      const counts = await inBatches(roomIds, 8, async (roomId) => {
        let after = 0;
        let count = 0;
        for (;;) {
          const page = await call<{
            messages: Array<{ seq: number; sender: { type: string } }>;
            hasMore: boolean;
          }>(base, 'GET', `/api/chat/rooms/${roomId}/messages?after=${after}&limit=500`, {
            token: admin.accessToken,
          });
          count += page.messages.filter((message) => message.sender.type === 'visitor').length;
          if (!page.hasMore || page.messages.length === 0) return count;
          after = page.messages.at(-1)!.seq;
        }
      });
      return counts.reduce((sum, count) => sum + count, 0);
    },
    async close() {},
  };
}
