import { type ChatMessage } from '@app/contracts';
import { GAP_REREAD_MS, GAP_WAIT_MS, RoomStream } from './room-stream';

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
  let failing: boolean;
  let stream: RoomStream;
  const everyRead = GAP_WAIT_MS + GAP_REREAD_MS.reduce((sum, wait) => sum + wait, 0);

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    stored = new Map();
    reads = [];
    failing = false;
    stream = new RoomStream({
      emit: (sentMessage) => sent.push(sentMessage.seq),
      read: async (from, to) => {
        reads.push([from, to]);
        if (failing) throw new Error('database restarting');
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
    expect(sent).toEqual([1]);

    // 1 came: 2 and 3 are a new gap, read in turn for a few seconds, then taken for never
    // stored: skipped.
    await jest.advanceTimersByTimeAsync(everyRead);
    expect(reads.slice(1)).toEqual(Array(1 + GAP_REREAD_MS.length).fill([2, 3]));
    expect(sent).toEqual([1, 4]);
    stream.offer(message(3));
    expect(sent).toEqual([1, 4]);
  });

  it('sends a message stored late (its store was retried) in its place, not skipped', async () => {
    stream.replayed([], 1);
    stream.offer(message(3));
    stream.offer(message(4));
    await jest.advanceTimersByTimeAsync(GAP_WAIT_MS + GAP_REREAD_MS[0]);
    expect(sent).toEqual([]);

    stored.set(2, message(2));
    await jest.advanceTimersByTimeAsync(GAP_REREAD_MS[1]);
    expect(sent).toEqual([2, 3, 4]);
  });

  it('reads again while the database cannot be read, and skips nothing it then has', async () => {
    stream.replayed([], 1);
    stream.offer(message(3));
    failing = true;
    await jest.advanceTimersByTimeAsync(GAP_WAIT_MS + GAP_REREAD_MS[0] + GAP_REREAD_MS[1]);
    expect(reads).toHaveLength(3);
    expect(sent).toEqual([]);

    failing = false;
    stored.set(2, message(2));
    await jest.advanceTimersByTimeAsync(GAP_REREAD_MS[2]);
    expect(sent).toEqual([2, 3]);
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
