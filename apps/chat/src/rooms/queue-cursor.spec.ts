import { queueCursor, queuePosition } from './queue-cursor';

describe('the queue cursor', () => {
  it('leads back to the room it was made after, priority included', () => {
    const position = {
      priorityRank: 3,
      queuedAt: new Date('2026-03-01T09:30:00.123Z'),
      roomId: 'a1b2-c3',
    };
    expect(queuePosition(queueCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 of a position', 'not-a-cursor'],
    ['a position without a room', Buffer.from('1:1700000000000:').toString('base64url')],
    ['a room id with odd characters', Buffer.from('1:1:r1/../x').toString('base64url')],
    ['a cursor of before priorities', Buffer.from('1700000000000:r1').toString('base64url')],
    ['a priority rank that is none', Buffer.from('7:1700000000000:r1').toString('base64url')],
  ])('refuses %s with 400 naming the cursor', (_, cursor) => {
    expect(() => queuePosition(cursor)).toThrow(
      expect.objectContaining({ code: 'invalid_payload' }),
    );
    expect(() => queuePosition(cursor)).toThrow(/cursor/);
  });
});
