import type { ChatMessage } from '@app/contracts';
import { describe, expect, it } from '@jest/globals';
import { highestSeq, type Timeline, unreadCount, withMessage } from './timeline';

const message = (seq: number, type: ChatMessage['sender']['type'] = 'agent'): ChatMessage => ({
  id: `room-1:${seq}`,
  roomId: 'room-1',
  seq,
  sender: { type, name: type === 'agent' ? 'Alex' : undefined },
  body: `message ${seq}`,
  createdAt: new Date(Date.UTC(2025, 0, 1, 10, seq)).toISOString(),
});

const receive = (...messages: ChatMessage[]): Timeline =>
  messages.reduce<Timeline>(withMessage, []);

const seqs = (timeline: Timeline) => timeline.map((known) => known.seq);

describe('the message timeline', () => {
  it('shows a message replayed after a reconnect only once', () => {
    const timeline = receive(message(1), message(2), message(2), message(1));
    expect(seqs(timeline)).toEqual([1, 2]);
  });

  it('takes the broadcast of an acknowledged message for its files, once', () => {
    const acked = message(3, 'visitor');
    const broadcast: ChatMessage = {
      ...acked,
      attachments: [
        { id: 'f-1', name: 'a.png', size: 10, contentType: 'image/png', url: '/api/chat/x' },
      ],
    };
    const timeline = receive(message(2), acked, broadcast);
    expect(timeline.map((known) => known.attachments?.length ?? 0)).toEqual([0, 1]);
    expect(withMessage(timeline, broadcast)).toBe(timeline);
  });

  it('puts a late message in its place by seq, not at the end', () => {
    expect(seqs(receive(message(1), message(4), message(3)))).toEqual([1, 3, 4]);
  });

  it('accepts gaps in seq (a resend or a race skips a number)', () => {
    const timeline = receive(message(1), message(3), message(6));
    expect(seqs(timeline)).toEqual([1, 3, 6]);
    expect(highestSeq(timeline)).toBe(6);
  });

  it('leaves the list untouched for a duplicate, so nothing re-renders', () => {
    const timeline = receive(message(1), message(2));
    expect(withMessage(timeline, message(2))).toBe(timeline);
  });

  it("counts only the agent's messages after the last one seen as unread", () => {
    const timeline = receive(message(1, 'system'), message(2), message(3, 'visitor'), message(4));
    expect(unreadCount(timeline, 0)).toBe(2);
    expect(unreadCount(timeline, 2)).toBe(1);
    expect(unreadCount(timeline, 4)).toBe(0);
  });

  it('starts at seq 0 when nothing was received, so the whole conversation is replayed', () => {
    expect(highestSeq([])).toBe(0);
  });
});
