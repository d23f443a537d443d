import { forTenant } from '@app/tenancy';
import { InjectConfig } from '@app/config';
import {
  NotificationFailedV1,
  NotificationSentV1,
  deadLetterTopic,
  NotificationRequestedV1,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { type EmailConfig } from '../email.config';
import { SendFailedError, type SendFailure, SmtpMailer } from '../mail/smtp-mailer';
import { FINAL_STATES } from '../notifications/notification.schema';
import {
  type NotificationRecord,
  NotificationsRepository,
} from '../notifications/notifications.repository';
import { Suppressions } from '../suppressions/suppressions';
import { MailRenderer } from '../templates/mail-renderer';
import { TenantBrandingRepository } from '../tenants/tenant-branding';
import { SendLimits } from './send-limits';

/** How often due notifications are looked for when nothing nudges the senders. */
const SWEEP_INTERVAL_MS = 1_000;
/** Due rows read at once. */
const SWEEP_BATCH = 200;

const address = z.email();

/**
 * Sends what is due: new notifications at once, retries when their wait is over, and sends
 * whose process died once EMAIL_SENDING_TIMEOUT_MS has passed. Every replica sends; the claim
 * of each attempt (a unique insert) makes sure one sender makes it.
 *
 * Exactly once out, as far as SMTP allows: an attempt is recorded as `sending` before the mail
 * goes and as `sent` after the server's 250. A crash in between (the mail went, the record did
 * not) leaves the notification `sending`; after the timeout it is sent again. We chose that over
 * never resending, because a lost mail (a password reset, a reply the visitor waits for) costs
 * more than a rare second copy, and SMTP has no way to ask a server whether it took a mail.
 * The second copy carries the same `Message-ID`, which mail clients and services such as Gmail
 * use to show one message, so in practice the reader sees one. The window is the time between
 * the server's answer and one database write.
 */
@Injectable()
export class Deliveries implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Deliveries.name);
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly messageDomain: string;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private sweepAgain = false;
  private stopped = false;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly suppressions: Suppressions,
    private readonly limits: SendLimits,
    private readonly mailer: SmtpMailer,
    private readonly renderer: MailRenderer,
    private readonly branding: TenantBrandingRepository,
    private readonly events: EventPublisher,
    @InjectConfig() private readonly config: EmailConfig,
  ) {
    this.messageDomain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? 'parley.local';
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), SWEEP_INTERVAL_MS);
    this.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // Sends in flight finish and are recorded; nothing new starts.
    await this.sweeping;
  }

  /** Logs a requested notification and sends it soon, unless it is too old to be worth it. */
  async accept(event: Parameters<NotificationsRepository['accept']>[0]): Promise<void> {
    const hoursOld = (Date.now() - Date.parse(event.occurredAt)) / 3_600_000;
    const expired =
      hoursOld > this.config.EMAIL_MAX_AGE_HOURS
        ? `expired: requested ${Math.floor(hoursOld)} hours ago, more than EMAIL_MAX_AGE_HOURS (${this.config.EMAIL_MAX_AGE_HOURS})`
        : null;
    await this.notifications.accept(event, this.messageDomain, expired);
    if (!expired) this.nudge();
  }

  /** Looks for due notifications now (or right after the current look). */
  nudge(): void {
    if (this.stopped) return;
    if (this.sweeping) {
      this.sweepAgain = true;
      return;
    }
    this.sweeping = this.sweepUntilIdle().finally(() => (this.sweeping = undefined));
  }

  /** Looks again when a retry this process scheduled comes due (the sweep is coarser). */
  private nudgeAt(at: Date): void {
    setTimeout(() => this.nudge(), Math.max(0, at.getTime() - Date.now())).unref();
  }

  private async sweepUntilIdle(): Promise<void> {
    do {
      this.sweepAgain = false;
      try {
        const full = await this.sweepOnce();
        if (full) this.sweepAgain = true;
      } catch (error) {
        this.logger.warn(`looking for due notifications failed: ${(error as Error).message}`);
      }
    } while (this.sweepAgain && !this.stopped);
  }

  /** Sends the due rows, a few at a time; true when there may be more. */
  private async sweepOnce(): Promise<boolean> {
    const rows = await this.notifications.dueBy(new Date(), SWEEP_BATCH);
    let next = 0;
    const sender = async () => {
      while (next < rows.length && !this.stopped) {
        const row = rows[next++];
        await forTenant(row.tenantId, 'a due notification names its tenant', () =>
          this.deliver(row._id),
        ).catch((error: Error) =>
          this.logger.error(`notification ${row._id}: ${error.stack ?? error.message}`),
        );
      }
    };
    await Promise.all(Array.from({ length: this.config.EMAIL_SEND_CONCURRENCY }, sender));
    return rows.length === SWEEP_BATCH;
  }

  private async deliver(id: string): Promise<void> {
    const notification = await this.notifications.get(id);
    if (!notification || FINAL_STATES.includes(notification.state)) {
      await this.notifications.notDue(id);
      return;
    }
    const now = Date.now();
    const lastTry = notification.lastAttemptAt?.getTime() ?? 0;
    // Another sender has it, and is not overdue.
    if (notification.state === 'sending' && now - lastTry < this.config.EMAIL_SENDING_TIMEOUT_MS)
      return;

    const suppressed = await this.suppressions.reasonFor(notification.kind, notification.recipient);
    if (suppressed) {
      await this.finish(notification, {
        $set: { state: 'suppressed', lastError: `not sent: the address ${SUPPRESSED[suppressed]}` },
      });
      return;
    }
    if (!address.safeParse(notification.recipient).success) {
      await this.giveUp(notification, notification.attempts, {
        permanent: true,
        recipientRejected: false,
        reason: `invalid recipient address: ${JSON.stringify(notification.recipient.slice(0, 100))}`,
      });
      return;
    }
    const limited = await this.limits.take(notification.tenantId, notification.recipient);
    if (limited) {
      const dueAt = new Date(now + limited.waitMs);
      await this.notifications.update(notification, {
        $set: {
          nextAttemptAt: dueAt,
          lastError: `waiting for the ${limited.limit === 'tenant' ? "tenant's" : "recipient's"} hourly send limit`,
        },
      });
      await this.notifications.dueAt(id, dueAt);
      return;
    }

    const attempt = notification.attempts + 1;
    if (!(await this.notifications.claimAttempt(id, attempt, this.owner))) {
      await this.passOverAbandoned(notification, attempt, now);
      return;
    }
    // If this process dies while sending, the row comes due again after the timeout.
    await this.notifications.dueAt(id, new Date(now + this.config.EMAIL_SENDING_TIMEOUT_MS));
    await this.notifications.update(notification, {
      $set: {
        state: 'sending',
        attempts: attempt,
        lastAttemptAt: new Date(now),
        nextAttemptAt: null,
      },
    });
    try {
      const response = await this.mailer.send(await this.compose(notification));
      await this.finish(notification, {
        $set: { state: 'sent', sentAt: new Date(), lastError: null, smtpResponse: response },
      });
      await this.events.publish(NotificationSentV1, {
        tenantId: notification.tenantId,
        payload: {
          notificationId: id,
          kind: notification.kind,
          attempts: attempt,
          messageId: notification.messageId,
          sentAt: new Date().toISOString(),
        },
      });
    } catch (error) {
      const failure: SendFailure =
        error instanceof SendFailedError
          ? error.failure
          : // The mail could not even be put together (a link sealed under another key, …).
            {
              permanent: true,
              recipientRejected: false,
              reason: `cannot compose the mail: ${(error as Error).message}`,
            };
      await this.failed(notification, attempt, failure);
    }
  }

  /**
   * Another sender claimed this attempt. If it has not recorded it within the sending timeout,
   * it died between the claim and the record, before sending (the mail goes only after the
   * record): the attempt is counted as made, so that the next sweep claims the one after.
   */
  private async passOverAbandoned(notification: NotificationRecord, attempt: number, now: number) {
    const claimedAt = await this.notifications.attemptClaimedAt(notification._id, attempt);
    if (!claimedAt || now - claimedAt.getTime() < this.config.EMAIL_SENDING_TIMEOUT_MS) return;
    await this.notifications.update(notification, { $set: { attempts: attempt } });
    this.logger.warn(
      `notification ${notification._id}: attempt ${attempt} was abandoned by its sender`,
    );
    this.nudge();
  }

  private async compose(notification: NotificationRecord) {
    const { request } = notification;
    const branding = await this.branding.of(notification.tenantId, request.tenantName);
    const unsubscribeUrl = this.suppressions.unsubscribeUrl({
      tenantId: notification.tenantId,
      kind: notification.kind,
      address: notification.recipient,
    });
    return {
      to: request.to,
      messageId: notification.messageId,
      ...this.renderer.render(request, branding, unsubscribeUrl),
      headers: unsubscribeUrl
        ? {
            'List-Unsubscribe': `<${unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          }
        : undefined,
    };
  }

  private async failed(notification: NotificationRecord, attempt: number, failure: SendFailure) {
    const retriesUsed = attempt - 1 - notification.retriedAfter;
    const delays = this.config.EMAIL_RETRY_DELAYS_MS;
    if (failure.permanent || retriesUsed >= delays.length) {
      await this.giveUp(notification, attempt, failure);
      return;
    }
    const dueAt = new Date(Date.now() + delays[retriesUsed]);
    await this.notifications.update(notification, {
      $set: { state: 'failed', lastError: failure.reason, nextAttemptAt: dueAt },
    });
    await this.notifications.dueAt(notification._id, dueAt);
    this.nudgeAt(dueAt);
    this.logger.warn(
      `notification ${notification._id}: try ${attempt} failed, next at ${dueAt.toISOString()}: ${failure.reason}`,
    );
  }

  /**
   * The notification will not be sent: it goes to the dead-letter topic, `notification.failed`
   * is published, then it is recorded dead (in this order, so a crash between repeats the
   * announcements rather than losing them).
   */
  private async giveUp(notification: NotificationRecord, attempts: number, failure: SendFailure) {
    const { tenantId, kind, recipient } = notification;
    if (failure.recipientRejected) {
      await this.suppressions.suppress(
        { tenantId, kind, address: recipient },
        'hard-bounce',
        failure.reason,
      );
    }
    await this.events.forward(
      deadLetterTopic(NotificationRequestedV1.topic),
      tenantId,
      notification.event,
    );
    await this.events.publish(NotificationFailedV1, {
      tenantId,
      payload: {
        notificationId: notification._id,
        kind,
        attempts,
        reason: failure.reason.slice(0, 1000),
        permanent: failure.permanent,
        failedAt: new Date().toISOString(),
      },
    });
    await this.finish(notification, {
      $set: { state: 'dead', lastError: failure.reason, nextAttemptAt: null },
    });
    this.logger.warn(
      `notification ${notification._id} is dead after ${attempts} tries: ${failure.reason}`,
    );
  }

  /** Records a final state and drops the row from what is due. */
  private async finish(
    notification: NotificationRecord,
    update: Parameters<NotificationsRepository['update']>[1],
  ) {
    await this.notifications.update(notification, update);
    await this.notifications.notDue(notification._id);
  }
}

const SUPPRESSED = {
  unsubscribed: 'unsubscribed from these emails',
  'hard-bounce': 'was refused by its mail server before (hard bounce)',
} as const;
