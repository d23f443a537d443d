import { InjectConfig } from '@app/config';
import { REDIS } from '@app/platform';
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
import { randomUUID } from 'node:crypto';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';
import { RELEASE_LOCK } from '../redis-lock';
import { RoomsRepository } from '../rooms/rooms.repository';
import { SlaBreachesRepository } from './sla-breaches.repository';
import { SlaBreaches } from './sla-breaches.service';

/** Rooms one sweep takes on; a sweep that found this many runs again at once. */
const BATCH = 100;
/** Longer than any sweep of one batch; a replica that dies holding the lock holds it no longer. */
const LOCK_MS = 30_000;
/** A breach recorded this long ago and still unpublished: its writer died. */
const ORPHANED_AFTER_MS = 15_000;

/**
 * Finds the rooms whose SLA targets passed, every SLA_SWEEP_INTERVAL_MS on every replica. A
 * Redis lock lets one replica sweep at a time; should two ever act on one room anyway (a lock
 * that expired mid-sweep), the breach record's unique id lets only one of them act. Nothing lives
 * in a process: the deadlines are the rooms', so a restart loses none.
 */
@Injectable()
export class SlaBreachSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaBreachSweep.name);
  private readonly task: PeriodicTask;
  private readonly lockKey: string;

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly records: SlaBreachesRepository,
    private readonly breaches: SlaBreaches,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() config: ChatConfig,
  ) {
    this.lockKey = redisKeys.slaSweepLock(config.MONGO_DB);
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
    const owner = randomUUID();
    if ((await this.redis.set(this.lockKey, owner, 'PX', LOCK_MS, 'NX')) !== 'OK') return false;
    try {
      const due = await this.rooms.slaDue(now, BATCH);
      for (const { room, kind } of due)
        await forTenant(room.tenantId, 'an SLA deadline names its room’s tenant', () =>
          this.breaches.breach(room, kind, now),
        ).catch((error: Error) =>
          this.logger.warn(`breach of ${room.id} (${kind}) not handled: ${error.message}`),
        );
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
      return due.length >= BATCH;
    } finally {
      await this.redis.eval(RELEASE_LOCK, 1, this.lockKey, owner);
    }
  }
}
