import { TenantContext } from '@app/tenancy';
import { deadLetterTopic, type EventDefinition, type EventEnvelope } from '@app/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type KafkaContext } from '@nestjs/microservices';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  backoffDelay,
  DEFAULT_CONSUMER_RETRY,
  MESSAGING_OPTIONS,
  type MessagingOptions,
  type RetryPolicy,
} from '../messaging.options';
import { describeIssues, sendToDeadLetterTopic } from './dead-letter';
import { ProcessedEventsRepository } from './processed-events.repository';

export type ConsumeOutcome = 'processed' | 'duplicate' | 'dead-lettered';

export interface ConsumeRequest {
  definition: EventDefinition;
  handlerName: string;
  raw: unknown;
  kafka: KafkaContext;
  run: (event: EventEnvelope) => Promise<unknown>;
}

/**
 * What every Kafka handler goes through: the envelope and payload are validated, an event
 * already processed by this handler is skipped, a failing handler is retried with backoff, and
 * a message that cannot be processed is parked on `<topic>.dlq` so the partition moves on.
 * Errors escape only when the dead-letter write itself fails: then Kafka redelivers.
 */
@Injectable()
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly retry: RetryPolicy;

  constructor(
    private readonly processed: ProcessedEventsRepository,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.retry = { ...DEFAULT_CONSUMER_RETRY, ...options.consumerRetry };
  }

  async consume(request: ConsumeRequest): Promise<ConsumeOutcome> {
    const parsed = request.definition.envelope.safeParse(request.raw);
    if (!parsed.success) {
      await this.deadLetter(request, 'invalid', describeIssues(parsed.error.issues));
      return 'dead-lettered';
    }
    const event = parsed.data;
    if (await this.processed.has(request.handlerName, event.id)) return 'duplicate';

    for (let attempt = 1; ; attempt += 1) {
      try {
        // The envelope's tenant is the only tenant this handler may touch.
        await TenantContext.run(event.tenantId, () => request.run(event));
        break;
      } catch (error) {
        const message = (error as Error).message;
        if (attempt >= this.retry.attempts) {
          await this.deadLetter(request, 'handler-failed', message);
          return 'dead-lettered';
        }
        this.logger.warn(
          `${request.handlerName} failed on ${event.type} ${event.id} (try ${attempt}): ${message}`,
        );
        await this.waitKeepingMembership(request.kafka, backoffDelay(this.retry, attempt));
      }
    }
    await this.processed.mark(request.handlerName, event.id);
    return 'processed';
  }

  private async waitKeepingMembership(kafka: KafkaContext, ms: number): Promise<void> {
    await sleep(ms);
    // A long backoff must not get this consumer thrown out of its group.
    await kafka.getHeartbeat()();
  }

  private async deadLetter(
    request: ConsumeRequest,
    reason: 'invalid' | 'handler-failed',
    detail: string,
  ): Promise<void> {
    const message = request.kafka.getMessage();
    const topic = request.kafka.getTopic();
    this.logger.error(
      `parking a message of ${topic} (partition ${request.kafka.getPartition()}, offset ${message.offset}) on ${deadLetterTopic(topic)}: ${reason}: ${detail}`,
    );
    await sendToDeadLetterTopic(request.kafka.getProducer(), {
      topic,
      partition: request.kafka.getPartition(),
      message,
      reason,
      detail,
      consumer: `${this.options.serviceName}:${request.handlerName}`,
    });
  }
}
