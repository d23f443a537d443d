import { RequirePermissions } from '@app/auth';
import {
  NOTIFICATION_STATES,
  notificationKindSchema,
  type NotificationPage,
  type NotificationView,
} from '@app/contracts';
import { ApiAnswer, ApiErrors, AppHttpError } from '@app/platform';
import { notificationAnswer, notificationPageAnswer } from './notifications.answers';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DeliverySchedulerService } from '../delivery/delivery-scheduler.service';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { type NotificationRecord, NotificationsRepository } from './notifications.repository';

const cursorSchema = z.string().transform((cursor, context) => {
  const [at, ...id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || id.length === 0) {
    context.addIssue({ code: 'custom', message: 'not a cursor this API gave out' });
    return z.NEVER;
  }
  return { createdAt, id: id.join('|') };
});

class ListQuery extends createZodDto(
  z.strictObject({
    state: z.enum(NOTIFICATION_STATES).optional(),
    kind: notificationKindSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** `nextCursor` of the previous page. */
    cursor: cursorSchema.optional(),
  }),
) {}

const cursorOf = (notification: NotificationRecord) =>
  Buffer.from(`${notification.createdAt.toISOString()}|${notification._id}`).toString('base64url');

/** What the dashboard shows of a notification (never its links or the transcript). */
const view = (notification: NotificationRecord): NotificationView => ({
  id: notification._id,
  kind: notification.kind,
  recipient: notification.recipient,
  state: notification.state,
  attempts: notification.attempts,
  lastError: notification.lastError,
  nextAttemptAt: notification.nextAttemptAt,
  lastAttemptAt: notification.lastAttemptAt,
  sentAt: notification.sentAt,
  createdAt: notification.createdAt,
  updatedAt: notification.updatedAt,
});

const notFound = () => new AppHttpError(404, 'notification_not_found', 'no such notification');

/** The tenant's notification log. */
@ApiTags('notifications')
@ApiBearerAuth()
@RequirePermissions('notifications:manage')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly deliveries: DeliverySchedulerService,
    private readonly suppressions: SuppressionsService,
  ) {}

  /** Newest first; filter by `state` and `kind`; page on with `cursor` = the last `nextCursor`. */
  @ApiAnswer(200, notificationPageAnswer)
  @Get()
  async list(@Query() query: ListQuery): Promise<NotificationPage> {
    const page = await this.notifications.list({
      state: query.state,
      kind: query.kind,
      before: query.cursor as { createdAt: Date; id: string } | undefined,
      limit: query.limit + 1,
    });
    const more = page.length > query.limit;
    const shown = page.slice(0, query.limit);
    return {
      notifications: shown.map(view),
      nextCursor: more ? cursorOf(shown[shown.length - 1]) : null,
    };
  }

  @ApiAnswer(200, notificationAnswer)
  @Get(':id')
  async get(@Param('id') id: string) {
    const notification = await this.notifications.get(id);
    if (!notification) throw notFound();
    return view(notification);
  }

  /**
   * Sends a dead notification again, with a fresh set of retries. A hard bounce of its address
   * is forgiven: the admin retrying says the address works now.
   */
  @ApiErrors({ 409: '`not_dead`: only a dead notification can be retried.' })
  @ApiAnswer(202, notificationAnswer)
  @Post(':id/retry')
  @HttpCode(202)
  async retry(@Param('id') id: string) {
    const notification = await this.notifications.get(id);
    if (!notification) throw notFound();
    if (notification.state !== 'dead') {
      throw new AppHttpError(
        409,
        'not_dead',
        `only a dead notification can be retried; this one is ${notification.state}`,
      );
    }
    await this.suppressions.liftHardBounce(notification.kind, notification.recipient);
    await this.notifications.update(notification, {
      $set: { state: 'queued', retriedAfter: notification.attempts, nextAttemptAt: new Date() },
    });
    await this.notifications.dueNow(id);
    this.deliveries.nudge();
    return view({ ...notification, state: 'queued' });
  }
}
