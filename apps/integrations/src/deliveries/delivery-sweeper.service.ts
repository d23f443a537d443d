import { InjectConfig } from '@app/config';
import { PeriodicTask } from '@app/scheduling';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher.service';

const SWEEP_BATCH = 200;

/**
 * Every WEBHOOK_SWEEP_MS, on every replica, hands the deliveries whose attempt is due (retries,
 * replays, and any a crash left behind) to the dispatcher, whose claim lets exactly one replica
 * attempt each. No retry lives only in a process's memory: its due time is in the database.
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    @InjectConfig() config: IntegrationsConfig,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {
    this.task = new PeriodicTask('webhook-delivery-sweep', config.WEBHOOK_SWEEP_MS, () =>
      this.sweep(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start({ immediately: true });
  }

  async onModuleDestroy(): Promise<void> {
    await this.task.stop();
  }

  /** Sweeps now rather than at the next interval (after a replay). */
  trigger(): void {
    this.task.trigger();
  }

  private async sweep(): Promise<void> {
    const due = await this.deliveries.due(new Date(), SWEEP_BATCH);
    for (const delivery of due) this.dispatcher.dispatch(delivery.tenantId, delivery._id);
  }
}
