import { InjectConfig } from '@app/config';
import {
  NotificationFailedV1,
  NotificationSentV1,
  deadLetterTopic,
  NotificationRequestedV1,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { type EmailConfig } from '../email.config';
import { SendFailedError, type SendFailure } from '../mail/send-failure';
import { SmtpMailerService } from '../mail/smtp-mailer.service';
import { FINAL_STATES } from '../notifications/notification.schema';
import {
  type NotificationRecord,
  NotificationsRepository,
} from '../notifications/notifications.repository';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { MailRendererService } from '../templates/mail-renderer.service';
import { TenantBrandingRepository } from '../tenants/tenant-branding.repository';
import { afterFailure, claimAbandoned, heldByAnotherSender } from './delivery-policy';
import { SendLimitsService } from './send-limits.service';

const address = z.email();

/**
 * When the scheduler should look for due notifications again, sooner than its sweep would:
 * now (an abandoned attempt was passed over), at a retry's time, or not specially.
 */
export type NextLook = 'now' | Date | null;

/**
 * Sends one due notification: claims the attempt, checks suppressions, the recipient and the
 * send limits, renders, sends over SMTP, records the outcome and announces it.
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
export class NotificationSenderService {
  private readonly logger = new Logger(NotificationSenderService.name);
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly suppressions: SuppressionsService,
    private readonly limits: SendLimitsService,
    private readonly mailer: SmtpMailerService,
    private readonly renderer: MailRendererService,
    private readonly branding: TenantBrandingRepository,
    private readonly events: EventPublisher,
    @InjectConfig() private readonly config: EmailConfig,
  ) {}

  /** Sends the notification if it is still to send, in the tenant's context. */
  async deliver(id: string): Promise<NextLook> {
    const notification = await this.notifications.get(id);
    if (!notification || FINAL_STATES.includes(notification.state)) {
      await this.notifications.notDue(id);
      return null;
    }
    const now = Date.now();
    if (heldByAnotherSender(notification, now, this.config.EMAIL_SENDING_TIMEOUT_MS)) return null;

    const suppressed = await this.suppressions.reasonFor(notification.kind, notification.recipient);
    if (suppressed) {
      await this.finish(notification, {
        $set: { state: 'suppressed', lastError: `not sent: the address ${SUPPRESSED[suppressed]}` },
      });
      return null;
    }
    if (!address.safeParse(notification.recipient).success) {
      await this.giveUp(notification, notification.attempts, {
        permanent: true,
        recipientRejected: false,
        reason: `invalid recipient address: ${JSON.stringify(notification.recipient.slice(0, 100))}`,
      });
      return null;
    }
    const limited = await this.limits.take(
      notification.tenantId,
      notification.recipient,
      notification.kind,
    );
    if (limited) {
      const dueAt = new Date(now + limited.waitMs);
      await this.notifications.update(notification, {
        $set: {
          nextAttemptAt: dueAt,
          lastError: `waiting for the ${limited.limit === 'tenant' ? "tenant's" : "recipient's"} hourly send limit`,
        },
      });
      await this.notifications.dueAt(id, dueAt);
      return null;
    }

    const attempt = notification.attempts + 1;
    if (!(await this.notifications.claimAttempt(id, attempt, this.owner)))
      return this.passOverAbandoned(notification, attempt, now);
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
      return null;
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
      return this.failed(notification, attempt, failure);
    }
  }

  /**
   * Another sender claimed this attempt. If it has not recorded it within the sending timeout,
   * it died between the claim and the record, before sending: the attempt is counted as made,
   * so that the next sweep claims the one after.
   */
  private async passOverAbandoned(
    notification: NotificationRecord,
    attempt: number,
    now: number,
  ): Promise<NextLook> {
    const claimedAt = await this.notifications.attemptClaimedAt(notification._id, attempt);
    if (!claimAbandoned(claimedAt, now, this.config.EMAIL_SENDING_TIMEOUT_MS)) return null;
    await this.notifications.update(notification, { $set: { attempts: attempt } });
    this.logger.warn(
      `notification ${notification._id}: attempt ${attempt} was abandoned by its sender`,
    );
    return 'now';
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

  private async failed(
    notification: NotificationRecord,
    attempt: number,
    failure: SendFailure,
  ): Promise<NextLook> {
    const next = afterFailure(
      { attempt, retriedAfter: notification.retriedAfter, permanent: failure.permanent },
      this.config.EMAIL_RETRY_DELAYS_MS,
      Date.now(),
    );
    if (next.giveUp) {
      await this.giveUp(notification, attempt, failure);
      return null;
    }
    await this.notifications.update(notification, {
      $set: { state: 'failed', lastError: failure.reason, nextAttemptAt: next.dueAt },
    });
    await this.notifications.dueAt(notification._id, next.dueAt);
    this.logger.warn(
      `notification ${notification._id}: try ${attempt} failed, next at ${next.dueAt.toISOString()}: ${failure.reason}`,
    );
    return next.dueAt;
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
