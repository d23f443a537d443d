import { mongoFragment, redisFragment } from '@app/config';
import { uniqueSuffix } from '@app/testing';
import Redis from 'ioredis';
import mongoose, { type Connection } from 'mongoose';
import { z } from 'zod';
import { MongoOutboxStore } from './mongo-outbox.store';
import { OutboxLease, OutboxLeaseSchema } from './outbox-lease.schema';
import { OutboxRow, OutboxRowSchema } from './outbox-row.schema';
import { type OutboxedEvent, type OutboxStore } from './outbox-store';
import { RedisOutboxStore } from './redis-outbox.store';

const env = z.object({ ...mongoFragment('outbox_test'), ...redisFragment() }).parse(process.env);

interface StoreUnderTest {
  store: OutboxStore;
  close(): Promise<void>;
}

/** Each store on a database or key of its own, so that no other run's events are in it. */
const stores: Record<string, () => Promise<StoreUnderTest>> = {
  'in the database': async () => {
    const connection: Connection = await mongoose
      .createConnection(env.MONGO_URL, { dbName: `outbox_test_${uniqueSuffix()}` })
      .asPromise();
    const store = new MongoOutboxStore(
      connection.model(OutboxRow.name, OutboxRowSchema),
      connection.model(OutboxLease.name, OutboxLeaseSchema),
    );
    return {
      store,
      close: async () => {
        await connection.dropDatabase();
        await connection.close();
      },
    };
  },
  'in Redis': async () => {
    const redis = new Redis(env.REDIS_URL);
    const service = `outbox-test-${uniqueSuffix()}`;
    return {
      store: new RedisOutboxStore(redis, service),
      close: async () => {
        const keys = await redis.keys(`parley:${service}:*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      },
    };
  },
};

const event = (index: number): OutboxedEvent => ({
  eventId: `event-${index}`,
  topic: index % 2 === 0 ? 'test.even' : 'test.odd',
  key: `room-${index % 3}`,
  value: JSON.stringify({ index, body: 'ünïcode, "quotes" and \n new lines' }),
});

describe.each(Object.keys(stores))('the outbox %s', (name) => {
  let subject: StoreUnderTest;

  beforeEach(async () => {
    subject = await stores[name]();
  });

  afterEach(async () => {
    await subject?.close();
  });

  it('hands events back whole, in the order they were published, until they are removed', async () => {
    const { store } = subject;
    // One at a time, so that the database store writes a row for each.
    for (let index = 1; index <= 5; index++) await store.add(event(index));

    const first = await store.pending(3);
    expect(first.events).toEqual([event(1), event(2), event(3)]);
    expect(first.more).toBe(true);
    await store.remove(first.ids);

    const rest = await store.pending(3);
    expect(rest.events).toEqual([event(4), event(5)]);
    expect(rest.more).toBe(false);
    await store.remove(rest.ids);

    expect((await store.pending(3)).events).toEqual([]);
  });

  it('keeps the order of events published at once', async () => {
    const { store } = subject;
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.add(event(index))));
    const pending = await store.pending(500);
    expect(pending.events.map((each) => each.eventId)).toEqual(
      Array.from({ length: 20 }, (_, index) => `event-${index}`),
    );
  });

  it('reports how many events wait and since when', async () => {
    const { store } = subject;
    expect(await store.backlog()).toEqual({ pending: 0, more: false });

    const before = Date.now();
    for (let index = 1; index <= 3; index++) await store.add(event(index));
    const backlog = await store.backlog();
    expect(backlog.pending).toBe(3);
    expect(backlog.more).toBe(false);
    // Stored times have millisecond precision.
    expect(backlog.oldest?.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(backlog.oldest?.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("gives a window's lease to the first relay that asks, for the whole window", async () => {
    const { store } = subject;
    expect(await store.holdsLease('relay-a', 100)).toBe(true);
    expect(await store.holdsLease('relay-b', 100)).toBe(false);
    expect(await store.holdsLease('relay-a', 100)).toBe(true);
    expect(await store.holdsLease('relay-b', 101)).toBe(true);
    expect(await store.holdsLease('relay-a', 101)).toBe(false);
  });
});
