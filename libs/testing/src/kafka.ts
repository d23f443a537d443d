import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** The tests' own Kafka client (probes, raw producers, group set-up). */
export const testKafka = new Kafka({
  clientId: 'parley-tests',
  brokers,
  logLevel: logLevel.NOTHING,
});

/**
 * Commits, for a consumer group that has never committed, the current end of every topic. A service started in a test
 * then consumes what happens from now on instead of replaying every event earlier suites
 * published, which grows with each suite and made start-up take tens of seconds. One member
 * joins the group once and commits every topic (kafkajs' `admin.setOffsets` joins once per
 * topic, and concurrent calls fight over the group).
 */
export async function startGroupAtTopicEnds(groupId: string): Promise<void> {
  const admin = testKafka.admin();
  const consumer = testKafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await Promise.all([admin.connect(), consumer.connect()]);
  try {
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    if (topics.length === 0) return;
    // A group with offsets is already in use (a second replica joining it): leave it alone.
    const committed = await admin.fetchOffsets({ groupId, topics });
    const inUse = committed.some(({ partitions }) =>
      partitions.some(({ offset }) => Number(offset) >= 0),
    );
    if (inUse) return;
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.subscribe({ topics, fromBeginning: false });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await joined;
    const ends = await Promise.all(
      topics.map(async (topic) =>
        (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
          topic,
          partition,
          offset: high,
        })),
      ),
    );
    await consumer.commitOffsets(ends.flat());
  } finally {
    await Promise.all([consumer.disconnect(), admin.disconnect()]);
  }
}
