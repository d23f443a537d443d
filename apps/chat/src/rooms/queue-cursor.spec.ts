import { queueCursor, queuePosition } from './queue-cursor';

describe('the queue cursor', () => {
  it('leads back to the room it was made after', () => {
    const position = { queuedAt: new Date('2026-03-01T09:30:00.123Z'), roomId: 'a1b2-c3' };
    expect(queuePosition(queueCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 of a position', 'not-a-cursor'],
    ['a position without a room', Buffer.from('1700000000000:').toString('base64url')],
    ['a room id with odd characters', Buffer.from('1:r1/../x').toString('base64url')],
  ])('refuses %s with 400 naming the cursor', (_, cursor) => {
    expect(() => queuePosition(cursor)).toThrow(
      expect.objectContaining({ code: 'invalid_payload' }),
    );
    expect(() => queuePosition(cursor)).toThrow(/cursor/);
  });
});
