import { InjectConfig } from '@app/config';
import { REDIS, RedisLocks } from '@app/platform';
import { PeriodicTask } from '@app/scheduling';
import { forTenant } from '@app/tenancy';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';
import { RoomsRepository } from '../rooms/rooms.repository';
import { SlaBreachesRepository } from './sla-breaches.repository';
import { type DueDeadline, pendingDeadlines, SlaDeadlineIndex } from './sla-deadline-index';
import { SlaBreaches } from './sla-breaches.service';

/** Rooms one sweep takes on; a sweep that found this many runs again at once. */
const BATCH = 100;
/** Longer than any sweep of one batch; a replica that dies holding the lock holds it no longer. */
const LOCK_MS = 30_000;
/** A breach recorded this long ago and still unpublished: its writer died. */
const ORPHANED_AFTER_MS = 15_000;
/** Where a room's SLA clock runs (a standby's waits for the visitor to come back or not). */
const SWEPT_STATUSES = new Set(['queued', 'active', 'offline']);

/**
 * Finds the rooms whose SLA targets passed, every SLA_SWEEP_INTERVAL_MS on every replica, from
 * the deadline index in Redis (SlaDeadlineIndex), each checked against its room. A Redis lock
 * lets one replica sweep at a time; should two ever act on one room anyway (a lock that expired
 * mid-sweep), the breach record's unique id lets only one of them act. Nothing lives in a
 * process: the deadlines are the rooms', and every SLA_RECONCILE_MS the rooms are searched for
 * any the index lost.
 */
@Injectable()
export class SlaBreachSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaBreachSweep.name);
  private readonly task: PeriodicTask;
  private readonly lockKey: string;
  private readonly reconciledKey: string;

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly records: SlaBreachesRepository,
    private readonly breaches: SlaBreaches,
    private readonly deadlines: SlaDeadlineIndex,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly locks: RedisLocks,
    @InjectConfig() private readonly config: ChatConfig,
  ) {
    this.lockKey = redisKeys.slaSweepLock(config.MONGO_DB);
    this.reconciledKey = redisKeys.slaReconciled(config.MONGO_DB);
    this.task = new PeriodicTask(
      'SLA breach sweep',
      config.SLA_SWEEP_INTERVAL_MS,
      () => this.sweep(),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start({ immediately: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One batch, if this replica holds the lock; true when there may be more due. */
  async sweep(now = new Date()): Promise<boolean> {
    const outcome = await this.locks.run(this.lockKey, { lockMs: LOCK_MS }, () =>
      this.sweepBatch(now),
    );
    return outcome.ran && outcome.result;
  }

  private async sweepBatch(now: Date): Promise<boolean> {
    const due = await this.deadlines.due(now, BATCH);
    for (const deadline of due)
      await forTenant(deadline.tenantId, 'an SLA deadline names its room’s tenant', () =>
        this.check(deadline, now),
      ).catch((error: Error) =>
        this.logger.warn(
          `breach of ${deadline.roomId} (${deadline.kind}) not handled: ${error.message}`,
        ),
      );
    if (await this.reconciliationDue()) await this.reconcile(now);
    return due.length >= BATCH;
  }

  /**
   * A deadline the index says is due, checked against its room: breached if it passed unmet,
   * moved if a label moved it, dropped if it was met, breached or closed meanwhile.
   */
  private async check(deadline: DueDeadline, now: Date): Promise<void> {
    const room = await this.rooms.findById(deadline.roomId);
    const pending = room && room.status !== 'closed' ? new Map(pendingDeadlines(room)) : null;
    const dueAt = pending?.get(deadline.kind);
    if (!room || !dueAt) return this.deadlines.forget(deadline);
    if (dueAt > now) return this.deadlines.move(deadline, dueAt);
    // In standby the clock waits for the visitor: looked at again a sweep later.
    if (!SWEPT_STATUSES.has(room.status)) return this.deadlines.move(deadline, this.nextSweep(now));
    await this.breaches.breach(room, deadline.kind, now);
    await this.deadlines.forget(deadline);
  }

  /** Whether SLA_RECONCILE_MS passed since any replica last reconciled (and claims the next). */
  private async reconciliationDue(): Promise<boolean> {
    const claimed = await this.redis.set(
      this.reconciledKey,
      '1',
      'PX',
      this.config.SLA_RECONCILE_MS,
      'NX',
    );
    return claimed === 'OK';
  }

  /**
   * Puts back the deadlines the index lost, and publishes the breaches whose writer died before
   * publishing them: both searches scan, so they run every SLA_RECONCILE_MS, not every sweep.
   */
  private async reconcile(now: Date): Promise<void> {
    await this.deadlines.watch(await this.rooms.slaPending(), true);
    const orphaned = await this.records.unpublished(
      new Date(now.getTime() - ORPHANED_AFTER_MS),
      BATCH,
    );
    for (const breach of orphaned)
      await forTenant(breach.tenantId, 'a breach names its room’s tenant', () =>
        this.breaches.republish(breach),
      ).catch((error: Error) =>
        this.logger.warn(`breach ${breach._id} not republished: ${error.message}`),
      );
  }

  private nextSweep(now: Date): Date {
    return new Date(now.getTime() + this.config.SLA_SWEEP_INTERVAL_MS);
  }
}
