import { type ChatMessage } from '@app/contracts';
import { GAP_WAIT_MS, RoomStream } from './room-stream';

const message = (seq: number): ChatMessage => ({
  id: `m${seq}`,
  roomId: 'room',
  seq,
  sender: { type: 'agent', id: 'agent', name: 'Ana' },
  body: `message ${seq}`,
  createdAt: new Date(0).toISOString(),
});

describe('RoomStream: one room to one socket', () => {
  let sent: number[];
  let stored: Map<number, ChatMessage>;
  let reads: Array<[number, number]>;
  let stream: RoomStream;

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    stored = new Map();
    reads = [];
    stream = new RoomStream({
      emit: (sentMessage) => sent.push(sentMessage.seq),
      read: async (from, to) => {
        reads.push([from, to]);
        return [...stored.values()].filter((found) => found.seq >= from && found.seq <= to);
      },
      failed: () => undefined,
    });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('holds live messages behind the replay, and sends each once, in order', () => {
    stream.startReplay();
    stream.offer(message(7));
    stream.offer(message(5));
    expect(sent).toEqual([]);

    stream.replayed([message(4), message(5), message(6)], 3);
    stream.offer(message(6));
    stream.offer(message(8));

    expect(sent).toEqual([4, 5, 6, 7, 8]);
  });

  it('waits for a message that was overtaken, then sends both in order', () => {
    stream.replayed([], 0);
    stream.offer(message(1));
    stream.offer(message(3));
    expect(sent).toEqual([1]);

    stream.offer(message(2));
    expect(sent).toEqual([1, 2, 3]);
    jest.advanceTimersByTime(GAP_WAIT_MS);
    expect(reads).toEqual([]);
  });

  it('reads a gap that no live message fills, and goes past a seq never stored', async () => {
    stream.replayed([], 0);
    stored.set(1, message(1));
    stream.offer(message(4));
    expect(sent).toEqual([]);

    await jest.advanceTimersByTimeAsync(GAP_WAIT_MS);

    expect(reads).toEqual([[1, 3]]);
    // 2 and 3 were never stored: skipped.
    expect(sent).toEqual([1, 4]);
    stream.offer(message(3));
    expect(sent).toEqual([1, 4]);
  });

  it('starts from the first live message in a room joined without a replay', () => {
    stream.offer(message(12));
    stream.offer(message(11));
    stream.offer(message(13));
    expect(sent).toEqual([12, 13]);
  });

  it('sends nothing the socket already had when it replays a room again', () => {
    stream.replayed([message(1), message(2)], 0);
    stream.startReplay();
    stream.replayed([message(1), message(2), message(3)], 0);
    expect(sent).toEqual([1, 2, 3]);
  });
});
