const { Kafka, logLevel } = require('kafkajs');
(async () => {
  const admin = new Kafka({ brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const offsets = await admin.fetchOffsets({ groupId: 'analytics-rollups' });
  for (const { topic, partitions } of offsets) console.log(topic, partitions.map((p) => p.offset).join(' '), new Date().toISOString());
  await admin.disconnect();
})();
