import type { ChatMessage } from '@app/contracts';
import { describe, expect, it } from '@jest/globals';
import {
  type ConversationEvent,
  conversationReducer,
  type ConversationState,
  initialConversation,
} from './conversation-state';
import { awaitingAck } from './outbox';

const pending = (clientMessageId: string, body = 'Hello') => ({
  clientMessageId,
  body,
  createdAt: '2025-01-01T10:00:00.000Z',
});

const broadcast = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `room-1:${seq}`,
  roomId: 'room-1',
  seq,
  sender: { type: 'visitor' },
  body: 'Hello',
  createdAt: '2025-01-01T10:00:01.000Z',
  ...extra,
});

const run = (...events: ConversationEvent[]): ConversationState =>
  events.reduce(conversationReducer, initialConversation('room-1'));

describe('sending a message', () => {
  it('shows the message at once, before the server answers', () => {
    const state = run({ type: 'send-queued', pending: pending('c1') });
    expect(state.outbox.map((message) => message.body)).toEqual(['Hello']);
    expect(state.timeline).toEqual([]);
  });

  it('turns the pending message into a sent one when the ack comes', () => {
    const state = run(
      { type: 'send-queued', pending: pending('c1') },
      { type: 'send-acked', clientMessageId: 'c1', ack: { id: 'room-1:2', seq: 2 } },
    );
    expect(state.outbox).toEqual([]);
    expect(state.timeline).toEqual([
      expect.objectContaining({ id: 'room-1:2', seq: 2, body: 'Hello', clientMessageId: 'c1' }),
    ]);
  });

  it('shows the message once when both its broadcast and its ack arrive, in either order', () => {
    const ack: ConversationEvent = {
      type: 'send-acked',
      clientMessageId: 'c1',
      ack: { id: 'room-1:2', seq: 2 },
    };
    const echo: ConversationEvent = {
      type: 'message-received',
      message: broadcast(2, { clientMessageId: 'c1' }),
    };
    const queued: ConversationEvent = { type: 'send-queued', pending: pending('c1') };
    for (const state of [run(queued, ack, echo), run(queued, echo, ack)]) {
      expect(state.timeline).toHaveLength(1);
      expect(state.outbox).toEqual([]);
    }
  });

  it('keeps an unacknowledged message to send again, with the same id, after a reconnect', () => {
    const state = run(
      { type: 'connected' },
      { type: 'send-queued', pending: pending('c1') },
      { type: 'disconnected' },
    );
    expect(state.connection).toBe('reconnecting');
    expect(awaitingAck(state.outbox).map((message) => message.clientMessageId)).toEqual(['c1']);
  });

  it('does not resend a refused message on its own, but does once the visitor retries', () => {
    const refused = run(
      { type: 'send-queued', pending: pending('c1') },
      { type: 'send-failed', clientMessageId: 'c1', code: 'rate_limited' },
    );
    expect(refused.outbox[0].failure).toBe('rate_limited');
    expect(awaitingAck(refused.outbox)).toEqual([]);

    const retried = conversationReducer(refused, { type: 'send-retried', clientMessageId: 'c1' });
    expect(awaitingAck(retried.outbox).map((message) => message.clientMessageId)).toEqual(['c1']);
  });
});

describe('resuming after a reconnect', () => {
  it("resumes after the last broadcast received, not after an ack's higher seq", () => {
    // The agent's message 2 was lost in the blip; the visitor's own message got seq 3.
    const state = run(
      { type: 'message-received', message: broadcast(1, { sender: { type: 'system' } }) },
      { type: 'send-queued', pending: pending('c1') },
      { type: 'send-acked', clientMessageId: 'c1', ack: { id: 'room-1:3', seq: 3 } },
    );
    expect(state.receivedSeq).toBe(1);
  });
});

describe('the room around the messages', () => {
  const alex = { id: 'agent-1', name: 'Alex' };
  const sam = { id: 'agent-2', name: 'Sam' };

  it('does not announce the agent already there when the visitor (re)connects', () => {
    const state = run({
      type: 'room-updated',
      update: { roomId: 'room-1', status: 'active', agent: alex },
    });
    expect(state.notices).toEqual([]);
  });

  it('announces an agent joining, leaving, and a transfer from one to another', () => {
    const state = run(
      { type: 'room-updated', update: { roomId: 'room-1', status: 'queued' } },
      { type: 'room-updated', update: { roomId: 'room-1', status: 'active', agent: alex } },
      { type: 'room-updated', update: { roomId: 'room-1', status: 'active', agent: sam } },
      { type: 'room-updated', update: { roomId: 'room-1', status: 'queued' } },
    );
    expect(state.notices.map(({ kind, name }) => `${kind} ${name}`)).toEqual([
      'joined Alex',
      'left Alex',
      'joined Sam',
      'left Sam',
    ]);
  });

  it('stops showing the agent typing once their message arrives', () => {
    const state = run(
      { type: 'agent-typing', name: 'Alex' },
      { type: 'message-received', message: broadcast(2, { sender: { type: 'agent', ...alex } }) },
    );
    expect(state.agentTyping).toBeUndefined();
  });

  it('remembers how far the agent has read, never going back', () => {
    const state = run({ type: 'read-by-agent', seq: 5 }, { type: 'read-by-agent', seq: 3 });
    expect(state.agentReadSeq).toBe(5);
  });
});
