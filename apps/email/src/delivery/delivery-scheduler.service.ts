import { InjectConfig } from '@app/config';
import { type EventOf, type NotificationRequestedV1 } from '@app/contracts';
import { PeriodicTask } from '@app/scheduling';
import { forTenant } from '@app/tenancy';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type EmailConfig } from '../email.config';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { expiryReason, messageDomainOf } from './delivery-policy';
import { type NextLook, NotificationSenderService } from './notification-sender.service';

/** How often due notifications are looked for when nothing nudges the senders. */
const SWEEP_INTERVAL_MS = 1_000;
/** Due rows read at once. */
const SWEEP_BATCH = 200;

/**
 * Decides when to send: new notifications at once, retries when their wait is over, and sends
 * whose process died once EMAIL_SENDING_TIMEOUT_MS has passed. Every replica sweeps; the claim
 * of each attempt (see NotificationSenderService) makes sure one sender makes it.
 */
@Injectable()
export class DeliverySchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySchedulerService.name);
  private readonly messageDomain: string;
  private readonly sweep: PeriodicTask;
  private stopping = false;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly sender: NotificationSenderService,
    @InjectConfig() private readonly config: EmailConfig,
  ) {
    this.messageDomain = messageDomainOf(config.MAIL_FROM);
    this.sweep = new PeriodicTask(
      'looking for due notifications',
      SWEEP_INTERVAL_MS,
      () => this.sweepOnce(),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.sweep.start({ immediately: true });
  }

  async onApplicationShutdown(): Promise<void> {
    // Sends in flight finish and are recorded; nothing new starts.
    this.stopping = true;
    await this.sweep.stop();
  }

  /** Logs a requested notification and sends it soon, unless it is too old to be worth it. */
  async accept(event: EventOf<typeof NotificationRequestedV1>): Promise<void> {
    const expired = expiryReason(event.occurredAt, Date.now(), this.config.EMAIL_MAX_AGE_HOURS);
    await this.notifications.accept(event, this.messageDomain, expired);
    if (!expired) this.nudge();
  }

  /** Looks for due notifications now (or right after the current look). */
  nudge(): void {
    this.sweep.trigger();
  }

  /** Sends the due rows, a few at a time; true when there may be more. */
  private async sweepOnce(): Promise<boolean> {
    const rows = await this.notifications.dueBy(new Date(), SWEEP_BATCH);
    let next = 0;
    const sender = async () => {
      while (next < rows.length && !this.stopping) {
        const row = rows[next++];
        await forTenant(row.tenantId, 'a due notification names its tenant', () =>
          this.sender.deliver(row._id),
        ).then(
          (nextLook) => this.lookAgain(nextLook),
          (error: Error) =>
            this.logger.error(`notification ${row._id}: ${error.stack ?? error.message}`),
        );
      }
    };
    await Promise.all(Array.from({ length: this.config.EMAIL_SEND_CONCURRENCY }, sender));
    return rows.length === SWEEP_BATCH;
  }

  /** A retry this process scheduled is looked for when due (the sweep is coarser). */
  private lookAgain(nextLook: NextLook): void {
    if (nextLook === 'now') this.sweep.trigger();
    else if (nextLook) this.sweep.triggerAt(nextLook);
  }
}
