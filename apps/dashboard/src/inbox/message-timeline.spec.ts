import { lastVisitorSeq, mergeMessages, unreadCount } from './message-timeline';
import { aMessage } from './test-messages';

describe('a room timeline', () => {
  it('shows a message that arrived twice only once', () => {
    const timeline = mergeMessages([aMessage(1), aMessage(2)], [aMessage(2), aMessage(3)]);
    expect(timeline.map((message) => message.seq)).toEqual([1, 2, 3]);
  });

  it('orders messages by seq, whatever order they came in and however seq skips', () => {
    const timeline = mergeMessages([aMessage(7)], [aMessage(2), aMessage(10), aMessage(4)]);
    expect(timeline.map((message) => message.seq)).toEqual([2, 4, 7, 10]);
  });

  it("replaces the page's provisional copy of a sent message with the server's", () => {
    const provisional = aMessage(3, { from: 'agent', createdAt: '2025-01-01T12:00:09.000Z' });
    const stored = aMessage(3, { from: 'agent' });
    expect(mergeMessages([provisional], [stored])[0].createdAt).toBe(stored.createdAt);
  });

  it("counts as unread only the visitor's messages after what the agent saw", () => {
    const timeline = [
      aMessage(1, { from: 'system' }),
      aMessage(2),
      aMessage(3, { from: 'agent' }),
      aMessage(4),
      aMessage(5),
    ];
    expect(unreadCount(timeline, 3)).toBe(2);
    expect(unreadCount(timeline, 5)).toBe(0);
  });

  it('acknowledges the last visitor message, not a later agent one', () => {
    expect(lastVisitorSeq([aMessage(1), aMessage(2), aMessage(3, { from: 'agent' })])).toBe(2);
  });
});
