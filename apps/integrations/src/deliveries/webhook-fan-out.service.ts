import { InjectConfig } from '@app/config';
import { EventBatchStream, type PartitionBatch } from '@app/messaging';
import { forTenant } from '@app/tenancy';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { WebhookEndpointsRepository } from '../webhooks/webhook-endpoints.repository';
import { type NewDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { orderKeyOf, WEBHOOK_EVENTS, webhookBody } from './webhook-events';

/**
 * Turns each delivered event into one delivery per endpoint of its tenant that subscribed to
 * it, in its own consumer group (`<group>-webhooks`). Deliveries are stored before the batch's
 * offsets are committed (at least once: a crash hands the batch over again, and a delivery
 * already stored is not made twice), and attempted at once, without holding the consumer up.
 */
@Injectable()
export class WebhookFanOut implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly stream: EventBatchStream;

  constructor(
    @InjectConfig() private readonly config: IntegrationsConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {
    this.stream = new EventBatchStream({
      name: 'webhooks',
      kafka: config,
      events: WEBHOOK_EVENTS,
      handle: (batch) => this.fanOut(batch),
      maxRetryDelayMs: 5_000,
      // Receivers should hear of an event within a second: fetch what is there.
      fetch: { minBytes: 1, maxWaitTimeInMs: 50 },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.stream.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stream.stop();
  }

  async fanOut(batch: PartitionBatch): Promise<void> {
    const byTenant = new Map<string, PartitionBatch['events']>();
    for (const streamed of batch.events) {
      const events = byTenant.get(streamed.event.tenantId) ?? [];
      events.push(streamed);
      byTenant.set(streamed.event.tenantId, events);
    }
    await Promise.all(
      [...byTenant].map(([tenantId, events]) =>
        forTenant(tenantId, 'webhook deliveries of the tenant’s events', async () => {
          const now = new Date();
          const retryUntil = new Date(now.getTime() + this.config.WEBHOOK_RETRY_WINDOW_MS);
          const items: NewDelivery[] = [];
          const subscribers = await this.endpoints.subscribedTo(batch.topic);
          if (subscribers.length === 0) return;
          const version = events[0].event.version;
          for (const { event, offset } of events)
            for (const endpoint of subscribers.filter((subscriber) =>
              existedWhen(subscriber, event.occurredAt),
            ))
              items.push({
                endpointId: endpoint._id,
                webhookId: event.id,
                type: batch.topic,
                orderKey: orderKeyOf(event.payload),
                occurredAt: new Date(event.occurredAt),
                offset: Number(offset),
                body: webhookBody(event, batch.topic, version),
                retryUntil,
              });
          for (const delivery of await this.deliveries.createDue(items, now))
            this.dispatcher.dispatch(tenantId, delivery._id, { known: delivery });
        }),
      ),
    );
  }
}

/**
 * An endpoint receives the events that occurred once it existed, however late they are read:
 * one added while its tenant's events wait behind a backlog gets none from before it.
 */
function existedWhen(endpoint: { createdAt: Date }, occurredAt: string): boolean {
  return endpoint.createdAt.getTime() <= Date.parse(occurredAt);
}
