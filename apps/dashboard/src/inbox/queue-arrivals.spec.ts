import { QueueArrivals } from './queue-arrivals';
import { aRoom } from './test-messages';

describe('alerts for the queue', () => {
  it('stay quiet about visitors already waiting when the inbox opens', () => {
    expect(new QueueArrivals().arrivals([aRoom('a'), aRoom('b')])).toEqual([]);
  });

  it('announce each newcomer once', () => {
    const arrivals = new QueueArrivals();
    arrivals.arrivals([aRoom('a')]);
    expect(arrivals.arrivals([aRoom('a'), aRoom('b')]).map((room) => room.roomId)).toEqual(['b']);
    expect(arrivals.arrivals([aRoom('a'), aRoom('b')])).toEqual([]);
  });

  it('announce a visitor put back in the queue after leaving it', () => {
    const arrivals = new QueueArrivals();
    arrivals.arrivals([aRoom('a')]);
    arrivals.arrivals([]);
    expect(arrivals.arrivals([aRoom('a')]).map((room) => room.roomId)).toEqual(['a']);
  });
});
