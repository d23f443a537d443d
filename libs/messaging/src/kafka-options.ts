import { type KafkaConfig } from '@app/config';
import { type KafkaOptions, Transport } from '@nestjs/microservices';
import { type KafkaConfig as KafkajsConfig, logLevel, Partitioners } from 'kafkajs';
import { kafkaLogCreator } from './kafka-logger';

/** kafkajs client settings shared by the consumer, the outbox relay and the admin client. */
export function kafkaClientConfig(config: KafkaConfig, role: string): KafkajsConfig {
  return {
    clientId: `${config.KAFKA_CLIENT_ID}-${role}`,
    brokers: config.KAFKA_BROKERS,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(role),
    retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 8 },
  };
}

/**
 * Options for `app.connectMicroservice`: the consumer group is the service name (no Nest
 * `-server` suffix), and a new group reads each topic from the start so read models are complete.
 */
export function kafkaMicroserviceOptions(config: KafkaConfig): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: kafkaClientConfig(config, 'consumer'),
      consumer: {
        groupId: config.KAFKA_CONSUMER_GROUP,
        allowAutoTopicCreation: false,
        // A fetch returns as soon as there is data; this only bounds an idle poll, which a
        // shutdown waits for (kafkajs' default of 5 s made every stop take 5 s).
        maxWaitTimeInMs: 1000,
        // A replica that died gives up its partitions after 10 s instead of kafkajs' 30 s:
        // what it was reading waits that long. Handlers are short, and long retry waits
        // heartbeat (EventConsumer), so a live consumer is never taken for dead.
        sessionTimeout: 10_000,
        heartbeatInterval: 3_000,
        retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 10 },
      },
      subscribe: { fromBeginning: true },
      run: { autoCommit: true },
      producer: {
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      },
    },
  };
}
