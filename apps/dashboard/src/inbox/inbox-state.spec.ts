import {
  type InboxAction,
  inboxReducer,
  type InboxState,
  initialInboxState,
  myRooms,
  reconnectSeqs,
  type RoomUpdate,
  unreadOf,
} from './inbox-state';
import { aMessage, aRoom } from './test-messages';

const me = { id: 'agent-ada', name: 'Ada' };
const bob = { id: 'agent-bob', name: 'Bob' };

function after(...actions: InboxAction[]): InboxState {
  return actions.reduce(inboxReducer, initialInboxState(me.id));
}

const myRoom = (lastSeq = 2): InboxAction => ({
  type: 'rooms-known',
  rooms: [aRoom('room-1', { agent: me, lastSeq })],
  mine: true,
});
const received = (seq: number, from: 'visitor' | 'agent' = 'visitor'): InboxAction => ({
  type: 'message-received',
  message: aMessage(seq, { from }),
});
const updated = (update: Partial<RoomUpdate>): InboxAction => ({
  type: 'room-updated',
  update: { roomId: 'room-1', status: 'active', agent: me, ...update },
  at: '2025-01-01T12:05:00.000Z',
});

describe('the inbox', () => {
  it('counts every waiting visitor, not only the first page it shows, and keeps where the next page starts', () => {
    const firstPage = Array.from({ length: 200 }, (_, index) =>
      aRoom(`room-${index}`, { status: 'queued' }),
    );
    const state = after({
      type: 'queue-updated',
      rooms: firstPage,
      total: 231,
      nextCursor: 'after-room-199',
    });
    expect(state.queue).toHaveLength(200);
    expect(state.queueTotal).toBe(231);
    expect(state.queueNextCursor).toBe('after-room-199');
  });

  it('takes a queue without counts (an older chat service) as complete', () => {
    const state = after({ type: 'queue-updated', rooms: [aRoom('room-1', { status: 'queued' })] });
    expect(state.queueTotal).toBe(1);
    expect(state.queueNextCursor).toBeNull();
  });

  it('counts a visitor message replayed after a reconnect once as unread', () => {
    const state = after(myRoom(), received(3), received(4), received(3), received(4));
    expect(unreadOf(state, 'room-1')).toBe(2);
  });

  it('does not count what the room held when the page loaded as unread', () => {
    expect(unreadOf(after(myRoom(5), received(6)), 'room-1')).toBe(1);
  });

  it('clears the unread count once the agent has seen the room', () => {
    const state = after(myRoom(), received(3), { type: 'room-read', roomId: 'room-1', seq: 3 });
    expect(unreadOf(state, 'room-1')).toBe(0);
  });

  it('asks a reconnect to replay each open room from the highest seq seen', () => {
    const state = after(myRoom(2), received(3), received(5));
    expect(reconnectSeqs(state)).toEqual({ 'room-1': 5 });
  });

  it('replays what this page missed even when the server said, meanwhile, that it holds more', () => {
    // The agent's chats reloaded over REST while the socket was down: lastSeq 9 there.
    const state = after(myRoom(2), received(3), myRoom(9));
    expect(reconnectSeqs(state)).toEqual({ 'room-1': 3 });
  });

  it('drops a chat from "My chats" once it is transferred to someone else', () => {
    const state = after(myRoom(), updated({ agent: bob }));
    expect(myRooms(state)).toEqual([]);
    expect(state.rooms['room-1'].agent).toEqual(bob);
  });

  it('shows the category and priority set on a chat, and keeps them through updates that do not say', () => {
    const state = after(
      myRoom(),
      updated({ category: 'billing', priority: 'urgent', teamId: 'team-1' }),
      updated({ status: 'standby', visitorAway: true }),
    );
    expect(state.rooms['room-1']).toMatchObject({
      category: 'billing',
      priority: 'urgent',
      teamId: 'team-1',
    });
    const cleared = after(myRoom(), updated({ category: 'billing' }), updated({ category: null }));
    expect(cleared.rooms['room-1'].category).toBeNull();
  });

  it('keeps the reason of a closed chat for the read-only view', () => {
    const state = after(myRoom(), updated({ status: 'closed', reason: 'stale' }));
    expect(myRooms(state)).toEqual([]);
    expect(state.rooms['room-1'].closeReason).toBe('stale');
  });

  it('notes in the conversation when the visitor leaves and comes back', () => {
    const state = after(
      myRoom(),
      received(3),
      updated({ status: 'standby', visitorAway: true }),
      updated({ status: 'active', visitorAway: false }),
    );
    expect(state.notices['room-1'].map((notice) => [notice.text, notice.afterSeq])).toEqual([
      ['Visitor is away', 3],
      ['Visitor is back', 3],
    ]);
    expect(state.rooms['room-1'].visitorAway).toBe(false);
  });

  it('stops showing the visitor typing when their message arrives', () => {
    const state = after(
      myRoom(),
      { type: 'visitor-typing', roomId: 'room-1', typing: true },
      received(3),
    );
    expect(state.visitorTyping['room-1']).toBe(false);
  });

  it('stops showing the visitor typing when they leave', () => {
    const state = after(
      myRoom(),
      { type: 'visitor-typing', roomId: 'room-1', typing: true },
      updated({ status: 'standby', visitorAway: true }),
    );
    expect(state.visitorTyping['room-1']).toBe(false);
  });

  describe('a message the agent sends', () => {
    const started: InboxAction = {
      type: 'send-started',
      send: { clientMessageId: 'c-1', roomId: 'room-1', body: 'Hello' },
    };
    const sent = aMessage(3, { from: 'agent', clientMessageId: 'c-1', body: 'Hello' });

    it('is pending until acknowledged, then shown once', () => {
      expect(after(myRoom(), started).pending).toHaveLength(1);
      const state = after(myRoom(), started, {
        type: 'send-acked',
        clientMessageId: 'c-1',
        message: sent,
      });
      expect(state.pending).toEqual([]);
      expect(state.timelines['room-1']).toEqual([sent]);
    });

    it('is no longer pending when its broadcast comes back, even if the ack was lost', () => {
      const state = after(myRoom(), started, { type: 'message-received', message: sent });
      expect(state.pending).toEqual([]);
      expect(state.timelines['room-1']).toHaveLength(1);
    });

    it("keeps the server's copy when the ack comes after the broadcast", () => {
      const provisional = { ...sent, createdAt: '2030-01-01T00:00:00.000Z' };
      const state = after(
        myRoom(),
        started,
        { type: 'message-received', message: sent },
        { type: 'send-acked', clientMessageId: 'c-1', message: provisional },
      );
      expect(state.timelines['room-1']).toEqual([sent]);
    });

    it('keeps its text when the server refuses it', () => {
      const state = after(myRoom(), started, {
        type: 'send-failed',
        clientMessageId: 'c-1',
        error: 'You are sending too fast.',
      });
      expect(state.pending).toEqual([
        expect.objectContaining({
          body: 'Hello',
          state: 'failed',
          error: 'You are sending too fast.',
        }),
      ]);
    });
  });

  describe('history', () => {
    const page = (seqs: number[], hasEarlier: boolean, latest = true): InboxAction => ({
      type: 'history-loaded',
      roomId: 'room-1',
      messages: seqs.map((seq) => aMessage(seq)),
      hasEarlier,
      latest,
    });

    it('forgets an old read-only snapshot that the newest page does not reach', () => {
      const state = after(page([1, 2], false), page([60, 61], true));
      expect(state.timelines['room-1'].map((message) => message.seq)).toEqual([60, 61]);
      expect(state.hasEarlier['room-1']).toBe(true);
    });

    it('keeps earlier messages that join up with the newest page', () => {
      const state = after(page([1, 2, 3], false), page([3, 4], true));
      expect(state.timelines['room-1'].map((message) => message.seq)).toEqual([1, 2, 3, 4]);
      expect(state.hasEarlier['room-1']).toBe(false);
    });

    it('adds an earlier page above what is shown', () => {
      const state = after(page([4, 5], true), page([1, 2, 3], false, false));
      expect(state.timelines['room-1'].map((message) => message.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(state.hasEarlier['room-1']).toBe(false);
    });
  });
});
