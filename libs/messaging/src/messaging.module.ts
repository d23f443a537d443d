import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
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
import { OutboxRepository } from './outbox/outbox.repository';

/**
 * Kafka for a service: publishing through its outbox, consuming through `@OnEvent`, topic
 * creation and the health probe. Needs the service's MongooseModule connection.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [
        TerminusModule,
        MongooseModule.forFeature([
          { name: OutboxRow.name, schema: OutboxRowSchema },
          { name: OutboxLease.name, schema: OutboxLeaseSchema },
          { name: ProcessedEvent.name, schema: ProcessedEventSchema },
        ]),
      ],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaAdminService,
        OutboxRepository,
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
