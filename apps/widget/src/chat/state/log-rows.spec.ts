import type { ChatMessage } from '@app/contracts';
import { describe, expect, it } from '@jest/globals';
import type { Notice } from './conversation-state';
import { logRows } from './log-rows';

const message = (seq: number): ChatMessage => ({
  id: `room-1:${seq}`,
  roomId: 'room-1',
  seq,
  sender: { type: 'agent' },
  body: `message ${seq}`,
  createdAt: '2025-01-01T10:00:00.000Z',
});
const joined = (afterSeq: number): Notice => ({
  key: `joined:${afterSeq}`,
  afterSeq,
  kind: 'joined',
  name: 'Alex',
});

describe('the rows of the message log', () => {
  it('shows "agent joined" right after the message that was last when they joined', () => {
    const rows = logRows([message(1), message(2), message(5)], [joined(2)]);
    expect(rows.map((row) => (row.kind === 'notice' ? 'joined' : row.message.seq))).toEqual([
      1,
      2,
      'joined',
      5,
    ]);
  });

  it('shows a notice from before any message first', () => {
    const rows = logRows([message(1)], [joined(0)]);
    expect(rows[0].kind).toBe('notice');
  });
});
