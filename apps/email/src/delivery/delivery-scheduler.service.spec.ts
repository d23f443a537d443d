import { type EventOf, type NotificationRequestedV1 } from '@app/contracts';
import { TenantContext } from '@app/tenancy';
import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EmailConfig } from '../email.config';
import { type NotificationsRepository } from '../notifications/notifications.repository';
import { DeliverySchedulerService } from './delivery-scheduler.service';
import { type NextLook, type NotificationSenderService } from './notification-sender.service';

/** The log and what is due, in memory: each look takes the rows queued for it. */
class FakeNotifications {
  readonly looks: Array<string[]> = [];
  readonly accepted: Array<{ id: string; expired: string | null }> = [];
  constructor(private readonly batches: Array<string[]>) {}

  async dueBy(_now: Date, limit: number) {
    const rows = (this.batches.shift() ?? []).slice(0, limit);
    this.looks.push(rows);
    return rows.map((id) => ({ _id: id, tenantId: `tenant-of-${id}`, dueAt: new Date() }));
  }

  async accept(
    event: EventOf<typeof NotificationRequestedV1>,
    _domain: string,
    expired: string | null,
  ) {
    this.accepted.push({ id: event.payload.notificationId, expired });
  }
}

/** A sender whose sends finish when the test says, recording the tenant each ran for. */
class FakeSender {
  readonly started: Array<{ id: string; tenant: string }> = [];
  readonly finished: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly pending: Array<() => void> = [];
  /** `outcome` answers for the send that makes `finished` sends in all. */
  constructor(private readonly outcome: (finished: number) => NextLook = () => null) {}

  async deliver(id: string): Promise<NextLook> {
    this.started.push({ id, tenant: TenantContext.current() });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise<void>((resolve) => this.pending.push(resolve));
    this.inFlight -= 1;
    this.finished.push(id);
    return this.outcome(this.finished.length);
  }

  finishAll(): void {
    for (const resolve of this.pending.splice(0)) resolve();
  }

  /** Lets every send finish as soon as it starts, until `until` holds (or 2 s passed). */
  async drain(until: () => boolean): Promise<void> {
    const deadline = Date.now() + 2_000;
    while (!until() && Date.now() < deadline) {
      this.finishAll();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const config = {
  MAIL_FROM: 'Parley <no-reply@parley.test>',
  EMAIL_SEND_CONCURRENCY: 2,
  EMAIL_MAX_AGE_HOURS: 24,
} as EmailConfig;

function scheduler(notifications: FakeNotifications, sender: FakeSender) {
  return new DeliverySchedulerService(
    notifications as unknown as NotificationsRepository,
    sender as unknown as NotificationSenderService,
    config,
  );
}

const requested = (id: string, occurredAt: Date) =>
  ({ occurredAt: occurredAt.toISOString(), payload: { notificationId: id } }) as EventOf<
    typeof NotificationRequestedV1
  >;

describe('DeliverySchedulerService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('sends each due notification in its tenant, EMAIL_SEND_CONCURRENCY at a time', async () => {
    const notifications = new FakeNotifications([['a', 'b', 'c', 'd', 'e']]);
    const sender = new FakeSender();
    const job = scheduler(notifications, sender);
    job.nudge();
    await sender.drain(() => sender.finished.length === 5);
    await job.onApplicationShutdown();
    expect(sender.maxInFlight).toBe(2);
    expect(sender.started).toContainEqual({ id: 'c', tenant: 'tenant-of-c' });
    expect(sender.finished.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('lets the sends in flight finish on shutdown, and starts none after', async () => {
    const notifications = new FakeNotifications([['a', 'b', 'c', 'd']]);
    const sender = new FakeSender();
    const job = scheduler(notifications, sender);
    job.nudge();
    await sleep(5);
    expect(sender.inFlight).toBe(2);

    let stopped = false;
    const stopping = job.onApplicationShutdown().then(() => (stopped = true));
    await sleep(5);
    expect(stopped).toBe(false);
    sender.finishAll();
    await stopping;
    expect(sender.finished.sort()).toEqual(['a', 'b']);

    job.nudge();
    await sleep(5);
    expect(sender.started).toHaveLength(2);
    expect(notifications.looks).toHaveLength(1);
  });

  it('looks again at once after a full batch', async () => {
    const full = Array.from({ length: 200 }, (_, index) => `n${index}`);
    const notifications = new FakeNotifications([full, ['last']]);
    const sender = new FakeSender();
    const job = scheduler(notifications, sender);
    job.nudge();
    await sender.drain(() => sender.finished.length === 201);
    await job.onApplicationShutdown();
    expect(notifications.looks.map((rows) => rows.length)).toEqual([200, 1]);
  });

  it('looks again when a failed send says its retry is due, well before the next sweep', async () => {
    const notifications = new FakeNotifications([['a'], ['a']]);
    const sender = new FakeSender((finished) =>
      finished === 1 ? new Date(Date.now() + 200) : null,
    );
    const job = scheduler(notifications, sender);
    job.nudge();
    await sleep(5);
    sender.finishAll();
    await sleep(5);
    expect(notifications.looks).toHaveLength(1);
    await sleep(250);
    await sender.drain(() => sender.finished.length === 2);
    await job.onApplicationShutdown();
    expect(sender.finished).toEqual(['a', 'a']);
  });

  it('looks again at once when a send passed over an abandoned attempt', async () => {
    const notifications = new FakeNotifications([['a'], ['a']]);
    const sender = new FakeSender((finished) => (finished === 1 ? 'now' : null));
    const job = scheduler(notifications, sender);
    job.nudge();
    await sender.drain(() => sender.finished.length === 2);
    await job.onApplicationShutdown();
    expect(notifications.looks.map((rows) => rows.length)).toEqual([1, 1]);
  });

  it('logs a notification older than EMAIL_MAX_AGE_HOURS as expired, and sends it not', async () => {
    const notifications = new FakeNotifications([]);
    const job = scheduler(notifications, new FakeSender());
    await job.accept(requested('old', new Date(Date.now() - 25 * 3_600_000)));
    await job.accept(requested('new', new Date()));
    await job.onApplicationShutdown();
    expect(notifications.accepted).toEqual([
      { id: 'old', expired: expect.stringMatching(/^expired: requested 25 hours ago/) },
      { id: 'new', expired: null },
    ]);
    // Only the fresh one asked for a look.
    expect(notifications.looks).toHaveLength(1);
  });
});
