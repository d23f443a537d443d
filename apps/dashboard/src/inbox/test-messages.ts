import type { ChatMessage, RoomSummary } from '@app/contracts';

/** Test data: a message of a room, from the visitor unless said otherwise. */
export function aMessage(
  seq: number,
  overrides: Partial<ChatMessage> & { from?: ChatMessage['sender']['type'] } = {},
): ChatMessage {
  const { from = 'visitor', ...rest } = overrides;
  const roomId = rest.roomId ?? 'room-1';
  return {
    id: `${roomId}:${seq}`,
    roomId,
    seq,
    sender: { type: from, name: from === 'agent' ? 'Ada' : 'Alice' },
    body: `message ${seq}`,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, seq)).toISOString(),
    ...rest,
  };
}

/** Test data: a room as the server summarizes it. */
export function aRoom(roomId: string, overrides: Partial<RoomSummary> = {}): RoomSummary {
  return {
    roomId,
    displayId: 1,
    chatbotId: 'bot-1',
    status: 'active',
    visitor: { name: 'Alice', email: 'alice@example.com', verified: false },
    category: null,
    priority: 'normal',
    teamId: null,
    lastSeq: 0,
    createdAt: '2025-01-01T12:00:00.000Z',
    ...overrides,
  };
}
