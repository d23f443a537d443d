import { type ChatMessage } from '@app/contracts';
import { eventually } from '@app/testing';
import { ChatFixture, type ChatSocket } from './chat-fixture';

/**
 * The delivery contract (docs/api.md): on a (re)connect with `lastSeq`, a socket gets every
 * message it missed, in order, before any new one; no seq twice to one socket, and seqs strictly
 * increasing per room per socket. Here an agent sends without pause while the visitor's socket
 * is cut and comes back again and again, on either replica, so that live messages race the
 * replay being read.
 */
describe('a reconnect racing live messages', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    fixture = await ChatFixture.start({
      replicas: 2,
      // The senders go flat out: the abuse limits stay out of the way.
      overrides: {
        SENDER_MESSAGES_PER_10S: '10000',
        TENANT_MESSAGES_PER_SECOND: '100000',
        VISITOR_CONNECTS_PER_MINUTE: '1000',
      },
    });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('gives each visitor socket every missed message before any live one, each once, in seq order', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
    const agent = await fixture.agent(admin.accessToken);
    await agent.emitWithAck('room:join', { roomId });

    let sending = true;
    let sent = 0;
    const sender = (async () => {
      while (sending) {
        sent += 1;
        const answer = await agent.emitWithAck('message:send', {
          roomId,
          clientMessageId: `agent-${sent}`,
          body: `live ${sent}`,
        });
        if ('error' in answer) throw new Error(JSON.stringify(answer.error));
      }
    })();

    const perSocket: number[][] = [];
    let lastSeq = 0;
    try {
      for (let cycle = 0; cycle < 12; cycle++) {
        // Away long enough to miss a few dozen messages, then back with what it had.
        await new Promise((resolve) => setTimeout(resolve, 150));
        const seqs: number[] = [];
        perSocket.push(seqs);
        const visitor = await fixture.visitor(visitorToken, lastSeq, cycle % 2, collect(seqs));
        await new Promise((resolve) => setTimeout(resolve, 250));
        visitor.disconnect();
        lastSeq = Math.max(lastSeq, ...seqs);
      }
    } finally {
      sending = false;
      await sender;
    }

    // The last socket stays until it has everything sent.
    const seqs: number[] = [];
    perSocket.push(seqs);
    await fixture.visitor(visitorToken, lastSeq, 0, collect(seqs));
    const highest = await fixture.chat.db
      .collection('messages')
      .find({ roomId })
      .sort({ seq: -1 })
      .limit(1)
      .next();
    await eventually(() => expect(Math.max(lastSeq, ...seqs)).toBe(highest?.seq));

    for (const [index, got] of perSocket.entries()) {
      const previous = perSocket.slice(0, index).flat();
      const resumedAfter = previous.length > 0 ? Math.max(...previous) : 0;
      // Strictly increasing, from the first seq after the one it resumed from, with no gap.
      const expected = got.length === 0 ? [] : range(resumedAfter + 1, got.at(-1)!);
      expect({ socket: index, seqs: got }).toEqual({ socket: index, seqs: expected });
    }
  });

  it('gives each agent socket every room it resumes in seq order, each message once', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const rooms = await Promise.all(
      [0, 1].map(async () => (await fixture.openSession(chatbot).expect(201)).body),
    );
    const first = await fixture.agent(admin.accessToken);
    for (const { roomId } of rooms) await first.emitWithAck('room:join', { roomId });
    first.disconnect();

    let sending = true;
    const senders = rooms.map(async ({ visitorToken }, index) => {
      const visitor = await fixture.visitor(visitorToken, undefined, index);
      for (let sent = 1; sending; sent++) {
        const answer = await visitor.emitWithAck('message:send', {
          clientMessageId: `visitor-${sent}`,
          body: `live ${sent}`,
        });
        if ('error' in answer) throw new Error(JSON.stringify(answer.error));
      }
    });

    const perSocket: Array<Map<string, number[]>> = [];
    const lastSeqs: Record<string, number> = {};
    for (const { roomId } of rooms) lastSeqs[roomId] = 0;
    try {
      for (let cycle = 0; cycle < 10; cycle++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const seqs = new Map<string, number[]>(rooms.map(({ roomId }) => [roomId, []]));
        perSocket.push(seqs);
        const agent = await fixture.connect(
          'agent',
          { token: admin.accessToken, lastSeqs: { ...lastSeqs } },
          cycle % 2,
          (socket) =>
            socket.on('message:new', (message: ChatMessage) =>
              seqs.get(message.roomId)?.push(message.seq),
            ),
        );
        await new Promise((resolve) => setTimeout(resolve, 250));
        agent.disconnect();
        for (const [roomId, got] of seqs) lastSeqs[roomId] = Math.max(lastSeqs[roomId], ...got);
      }
    } finally {
      sending = false;
      await Promise.all(senders);
    }

    const resumedFrom: Record<string, number> = {};
    for (const { roomId } of rooms) resumedFrom[roomId] = 0;
    for (const [index, seqs] of perSocket.entries()) {
      for (const [roomId, got] of seqs) {
        const expected = got.length === 0 ? [] : range(resumedFrom[roomId] + 1, got.at(-1)!);
        expect({ socket: index, roomId, seqs: got }).toEqual({
          socket: index,
          roomId,
          seqs: expected,
        });
        resumedFrom[roomId] = Math.max(resumedFrom[roomId], ...got);
      }
    }
    // Every socket got something of each room: the visitors kept sending throughout.
    for (const { roomId } of rooms) expect(resumedFrom[roomId]).toBeGreaterThan(20);
  });
});

/** Listens for the socket's messages from before it connects, keeping their seqs. */
function collect(seqs: number[]) {
  return (socket: ChatSocket) =>
    socket.on('message:new', (message: ChatMessage) => seqs.push(message.seq));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, offset) => from + offset);
}
