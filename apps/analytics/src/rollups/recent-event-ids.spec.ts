import { type EventEnvelope } from '@app/contracts';
import { RecentEventIds } from './recent-event-ids';

const at = (id: string, offset: number) => ({
  event: { id } as EventEnvelope,
  offset: String(offset),
});

describe('RecentEventIds', () => {
  it('drops an event sent again at a later offset, once the first was counted', () => {
    const recent = new RecentEventIds();
    const first = [at('a', 1), at('b', 2)];
    expect(recent.firstSeen('t', 0, first)).toEqual(first);
    recent.counted('t', 0, first);
    expect(recent.firstSeen('t', 0, [at('a', 3), at('b', 4), at('c', 5)])).toEqual([at('c', 5)]);
  });

  it('keeps a batch handed over again at the same offsets (the offsets make that count once)', () => {
    const recent = new RecentEventIds();
    recent.counted('t', 0, [at('a', 1)]);
    expect(recent.firstSeen('t', 0, [at('a', 1)])).toEqual([at('a', 1)]);
  });

  it('drops a repeat inside one batch, and never mixes partitions', () => {
    const recent = new RecentEventIds();
    expect(recent.firstSeen('t', 0, [at('a', 1), at('a', 7)])).toEqual([at('a', 1)]);
    recent.counted('t', 0, [at('a', 1)]);
    expect(recent.firstSeen('t', 1, [at('a', 9)])).toEqual([at('a', 9)]);
  });

  it('forgets the oldest ids past its size', () => {
    const recent = new RecentEventIds(2);
    recent.counted('t', 0, [at('a', 1), at('b', 2), at('c', 3)]);
    expect(recent.firstSeen('t', 0, [at('a', 4), at('c', 5)])).toEqual([at('a', 4)]);
  });
});
