import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { type ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { EventConsumer } from './consumer/event-consumer.service';
import { EventConsumerInterceptor } from './consumer/on-event.decorator';
import { ProcessedEvent, ProcessedEventSchema } from './consumer/processed-event.schema';
import { ProcessedEventsRepository } from './consumer/processed-events.repository';
import { ProcessedEventsSweeper } from './consumer/processed-events.sweeper';
import { KafkaAdminService } from './kafka-admin.service';
import { KafkaHealthIndicator } from './kafka.health';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { EventPublisher } from './outbox/event-publisher.service';
import { OutboxLease, OutboxLeaseSchema } from './outbox/outbox-lease.schema';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxRow, OutboxRowSchema } from './outbox/outbox-row.schema';
import { MongoOutboxStore } from './outbox/mongo-outbox.store';
import { OutboxStore } from './outbox/outbox-store';
import { RedisOutboxStore } from './outbox/redis-outbox.store';

/**
 * Kafka for a service: publishing through its outbox, consuming through `@OnEvent`, topic
 * creation and the health probe. Needs the service's MongooseModule connection, and its Redis
 * client when the outbox is kept there.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const outbox = outboxStore(options);
    return {
      module: MessagingModule,
      global: true,
      imports: [
        TerminusModule,
        MongooseModule.forFeature([
          ...outbox.models,
          { name: ProcessedEvent.name, schema: ProcessedEventSchema },
        ]),
      ],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaAdminService,
        outbox.store,
        OutboxRelay,
        EventPublisher,
        ProcessedEventsRepository,
        ProcessedEventsSweeper,
        EventConsumer,
        EventConsumerInterceptor,
        KafkaHealthIndicator,
      ],
      exports: [
        KafkaAdminService,
        EventPublisher,
        EventConsumer,
        EventConsumerInterceptor,
        KafkaHealthIndicator,
        OutboxRelay,
      ],
    };
  }
}

/** The service's outbox store, and the models it needs in the database (none for Redis). */
function outboxStore(options: MessagingOptions): { models: ModelDefinition[]; store: Provider } {
  const redis = options.outboxRedis;
  if (!redis) {
    return {
      models: [
        { name: OutboxRow.name, schema: OutboxRowSchema },
        { name: OutboxLease.name, schema: OutboxLeaseSchema },
      ],
      store: { provide: OutboxStore, useClass: MongoOutboxStore },
    };
  }
  return {
    models: [],
    store: {
      provide: OutboxStore,
      useFactory: (client: Redis) => new RedisOutboxStore(client, options.serviceName),
      inject: [redis],
    },
  };
}
