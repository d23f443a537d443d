import { asSystem, findOwnById, TenantContext, updateOwn } from '@app/tenancy';
import {
  type EventOf,
  type NotificationKind,
  NotificationRequestedV1,
  type NotificationState,
} from '@app/contracts';
import { insertFirst } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, type Model, type UpdateQuery } from 'mongoose';
import { DeliveryDue, Notification, SendAttempt } from './notification.schema';

export type NotificationRecord = Notification;

export interface ListFilter {
  state?: NotificationState;
  kind?: NotificationKind;
  /** Only notifications older than this position of the listing (see `cursorOf`). */
  before?: { createdAt: Date; id: string };
  limit: number;
}

/**
 * The notification log, the rows of what is still to send, and the claims of attempts. Lookups
 * on the sending path are by `_id`, the one lookup FerretDB v1 serves from an index.
 */
@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectModel(Notification.name) private readonly notifications: Model<Notification>,
    @InjectModel(DeliveryDue.name) private readonly due: Model<DeliveryDue>,
    @InjectModel(SendAttempt.name) private readonly attempts: Model<SendAttempt>,
  ) {}

  /**
   * Logs a requested notification, once per notification id, and puts it up for sending (an
   * expired one, with its reason, is only logged). Run
   * again for the same event (redelivered after a crash), it only makes sure the row is there.
   */
  async accept(
    event: EventOf<typeof NotificationRequestedV1>,
    messageDomain: string,
    expired: string | null,
  ) {
    const request = event.payload;
    const logged = await insertFirst(this.notifications, {
      _id: request.notificationId,
      kind: request.kind,
      recipient: request.to.email,
      state: expired ? 'dead' : 'queued',
      lastError: expired,
      attempts: 0,
      retriedAfter: 0,
      messageId: `<${request.notificationId}@${messageDomain}>`,
      request,
      event: JSON.stringify(event),
    });
    if (expired) return logged;
    // A row of a notification already sent is dropped by the sender when it comes due.
    await insertFirst(this.due, {
      _id: request.notificationId,
      tenantId: TenantContext.current(),
      dueAt: new Date(),
    });
    return logged;
  }

  get(id: string): Promise<NotificationRecord | null> {
    return findOwnById(this.notifications, id);
  }

  async update(notification: NotificationRecord, update: UpdateQuery<Notification>) {
    await updateOwn(
      this.notifications,
      { id: notification._id, tenantId: notification.tenantId },
      update,
    );
  }

  /** Rows due by `now`, the most overdue first (across tenants: the senders serve them all). */
  dueBy(now: Date, limit: number): Promise<DeliveryDue[]> {
    return asSystem('the senders serve every tenant', () =>
      this.due
        .find({ dueAt: { $lte: now } })
        .sort({ dueAt: 1 })
        .limit(limit)
        .lean()
        .exec(),
    );
  }

  async dueAt(id: string, at: Date): Promise<void> {
    await this.due.updateOne({ _id: id }, { $set: { dueAt: at } });
  }

  /** Puts a notification up for sending again (after a retry by hand). */
  async dueNow(id: string): Promise<void> {
    const row = { _id: id, tenantId: TenantContext.current(), dueAt: new Date() };
    if (!(await insertFirst(this.due, row))) await this.dueAt(id, row.dueAt);
  }

  async notDue(id: string): Promise<void> {
    await this.due.deleteOne({ _id: id });
  }

  /** True for the one sender that gets to make attempt `attempt` of the notification. */
  claimAttempt(id: string, attempt: number, owner: string): Promise<boolean> {
    return insertFirst(this.attempts, { _id: `${id}:${attempt}`, owner, at: new Date() });
  }

  /** When attempt `attempt` of the notification was claimed, if it was. */
  async attemptClaimedAt(id: string, attempt: number): Promise<Date | null> {
    return (await this.attempts.findById(`${id}:${attempt}`).lean().exec())?.at ?? null;
  }

  /** The tenant's notifications, newest first. */
  list(filter: ListFilter): Promise<NotificationRecord[]> {
    const query: FilterQuery<Notification> = {};
    if (filter.state) query.state = filter.state;
    if (filter.kind) query.kind = filter.kind;
    if (filter.before) {
      query.$or = [
        { createdAt: { $lt: filter.before.createdAt } },
        { createdAt: filter.before.createdAt, _id: { $lt: filter.before.id } },
      ];
    }
    return this.notifications
      .find(query, { request: 0, event: 0 })
      .sort({ createdAt: -1, _id: -1 })
      .limit(filter.limit)
      .lean()
      .exec() as Promise<NotificationRecord[]>;
  }
}
