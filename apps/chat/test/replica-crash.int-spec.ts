import { type ChatMessage } from '@app/contracts';
import request from 'supertest';
import { Inbox } from './chat-fixture';
import { SpawnedChat } from './spawned-chat';

describe('a chat replica killed with kill -9 mid-conversation', () => {
  let chat: SpawnedChat;

  beforeAll(async () => {
    chat = await SpawnedChat.start();
  });

  afterAll(async () => {
    await chat?.close();
  });

  it('loses nothing acked and doubles nothing: the visitor resumes on the other replica', async () => {
    const [doomed, survivor] = chat.replicas;
    const { admin, ...session } = await chat.session(doomed.url, {
      name: 'Vi',
      email: 'vi@example.test',
    });
    const agent = await chat.connect(survivor.url, 'agent', { token: admin.accessToken });
    const agentInbox = new Inbox(agent);
    await agent.emitWithAck('room:join', { roomId: session.roomId });
    const visitor = await chat.connect(doomed.url, 'visitor', { token: session.visitorToken });
    const before = new Inbox(visitor);

    const acked: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const answer = await visitor.emitWithAck('message:send', {
        clientMessageId: `before-${index}`,
        body: `before ${index}`,
      });
      if ('seq' in answer) acked.push(`before-${index}`);
      await agent.emitWithAck('message:send', {
        roomId: session.roomId,
        clientMessageId: `agent-${index}`,
        body: `reply ${index}`,
      });
    }
    await before.waitForMessage((message) => message.body === 'reply 4');
    const lastSeen = Math.max(...before.messages.map((message) => message.seq));

    await doomed.kill();
    // The agent keeps writing while the visitor's replica is gone.
    for (let index = 0; index < 3; index += 1) {
      await agent.emitWithAck('message:send', {
        roomId: session.roomId,
        clientMessageId: `gap-${index}`,
        body: `while down ${index}`,
      });
    }
    // What nginx does for a real client: the reconnect lands on the replica still up.
    const resumed = await chat.connect(survivor.url, 'visitor', {
      token: session.visitorToken,
      lastSeq: lastSeen,
    });
    const after = new Inbox(resumed);
    await after.waitForMessage((message) => message.body === 'while down 2');
    await resumed.emitWithAck('message:send', { clientMessageId: 'after-0', body: 'back again' });
    await agentInbox.waitForMessage((message) => message.body === 'back again');

    const seen: ChatMessage[] = [...before.messages, ...after.messages];
    const seqs = seen.map((message) => message.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
    expect(after.messages.map((message) => message.body)).toEqual([
      'while down 0',
      'while down 1',
      'while down 2',
      'back again',
    ]);

    const history = await request(survivor.url)
      .get(`/api/chat/rooms/${session.roomId}/messages?after=0&limit=500`)
      .set('Authorization', `Bearer ${session.visitorToken}`)
      .expect(200);
    const ids = history.body.messages
      .map((message: ChatMessage) => message.clientMessageId)
      .filter(Boolean);
    for (const id of [...acked, 'after-0'])
      expect(ids.filter((candidate: string) => candidate === id)).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
