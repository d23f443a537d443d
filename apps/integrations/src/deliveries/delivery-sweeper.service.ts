import { InjectConfig } from '@app/config';
import { PeriodicTask } from '@app/scheduling';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher.service';

const SWEEP_BATCH = 200;
/** Pending deliveries put back into the index per reconciliation; the rest at the next. */
const RECONCILE_BATCH = 1000;

/**
 * Every WEBHOOK_SWEEP_MS, on every replica, hands the deliveries whose attempt is due (retries,
 * replays, and any a crash left behind) to the dispatcher, whose claim lets exactly one replica
 * attempt each; what is due is read from Redis's index. No retry lives only in a process's
 * memory: its due time is in the database, and every WEBHOOK_RECONCILE_MS the deliveries overdue
 * there by as long go back into the index (lost by a crash between the two writes, or by Redis).
 * That search scans the deliveries: too slow for every sweep. The reconciliation also deletes
 * the settled deliveries past WEBHOOK_DELIVERY_RETENTION_MS.
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;
  private readonly reconciliation: PeriodicTask;

  constructor(
    @InjectConfig() private readonly config: IntegrationsConfig,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {
    this.task = new PeriodicTask('webhook-delivery-sweep', config.WEBHOOK_SWEEP_MS, () =>
      this.sweep(),
    );
    this.reconciliation = new PeriodicTask(
      'webhook-delivery-reconciliation',
      config.WEBHOOK_RECONCILE_MS,
      () => this.reconcile(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start({ immediately: true });
    this.reconciliation.start({ immediately: true });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.task.stop(), this.reconciliation.stop()]);
  }

  /** Sweeps now rather than at the next interval (after a replay). */
  trigger(): void {
    this.task.trigger();
  }

  private async sweep(): Promise<void> {
    const due = await this.deliveries.due(new Date(), SWEEP_BATCH);
    for (const { tenantId, deliveryId } of due) this.dispatcher.dispatch(tenantId, deliveryId);
  }

  private async reconcile(): Promise<void> {
    const now = Date.now();
    const lost = await this.deliveries.overdue(
      new Date(now - this.config.WEBHOOK_RECONCILE_MS),
      RECONCILE_BATCH,
    );
    await this.deliveries.restoreToIndex(lost);
    // Kept bounded, the log stays quick to page and the overdue search quick to scan.
    await this.deliveries.purgeSettled(new Date(now - this.config.WEBHOOK_DELIVERY_RETENTION_MS));
  }
}
