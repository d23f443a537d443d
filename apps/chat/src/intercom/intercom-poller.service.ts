import { InjectConfig } from '@app/config';
import { RedisLocks } from '@app/platform';
import { PeriodicTask } from '@app/scheduling';
import { forTenant } from '@app/tenancy';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';
import { IntercomClient } from './intercom-client';
import { IntercomConnectionsRepository } from './intercom-connections.repository';
import { IntercomCredentials } from './intercom-credentials';
import { IntercomRateLimitedError, IntercomRefusedError } from './intercom-errors';
import { IntercomInbound } from './intercom-inbound.service';
import { IntercomLinksRepository, type LinkRecord } from './intercom-links.repository';

/** Conversations one sweep fetches; a sweep that found this many runs again at once. */
const BATCH = 50;
/** Longer than a sweep of one batch takes; a replica that dies holding the lock holds it no longer. */
const LOCK_MS = 5 * 60_000;

/**
 * The polling fallback: every INTERCOM_POLL_INTERVAL_MS, one replica (a Redis lock) fetches the
 * bridged conversations Intercom has said nothing of for INTERCOM_POLL_QUIET_MS and applies
 * their parts as a webhook's (each part once, by its id), catching a reply or a close whose
 * webhook was missed. A tenant Intercom rate-limits is left until the next sweep.
 */
@Injectable()
export class IntercomPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntercomPoller.name);
  private readonly task: PeriodicTask;
  private readonly lockKey: string;

  constructor(
    @InjectConfig() private readonly config: ChatConfig,
    private readonly locks: RedisLocks,
    private readonly links: IntercomLinksRepository,
    private readonly connections: IntercomConnectionsRepository,
    private readonly credentials: IntercomCredentials,
    private readonly intercom: IntercomClient,
    private readonly inbound: IntercomInbound,
  ) {
    this.lockKey = redisKeys.intercomPollLock(config.MONGO_DB);
    this.task = new PeriodicTask(
      'Intercom polling fallback',
      config.INTERCOM_POLL_INTERVAL_MS,
      () => this.sweep(),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One batch, if this replica holds the lock; true when there may be more due. */
  async sweep(now = new Date()): Promise<boolean> {
    const outcome = await this.locks.run(this.lockKey, { lockMs: LOCK_MS }, () =>
      this.pollBatch(now),
    );
    return outcome.ran && outcome.result;
  }

  private async pollBatch(now: Date): Promise<boolean> {
    const due = await this.links.pollDue(now, BATCH);
    const limited = new Set<string>();
    for (const link of due) {
      if (limited.has(link.tenantId)) continue;
      await forTenant(link.tenantId, 'a bridged conversation names its tenant', () =>
        this.poll(link),
      ).catch((error: Error) => {
        if (error instanceof IntercomRateLimitedError) limited.add(link.tenantId);
        this.logger.warn(`polling Intercom conversation of room ${link._id}: ${error.message}`);
      });
    }
    return due.length >= BATCH && limited.size === 0;
  }

  private async poll(link: LinkRecord): Promise<void> {
    const connection = await this.connections.find();
    const next = new Date(Date.now() + this.config.INTERCOM_POLL_QUIET_MS);
    if (!connection || !link.intercomConversationId) {
      // Disconnected: nothing to ask Intercom with; look again after another quiet spell.
      await this.links.heardFrom(link._id, next);
      return;
    }
    try {
      const conversation = await this.intercom.getConversation(
        this.credentials.open(connection.accessTokenSealed),
        link.intercomConversationId,
      );
      await this.inbound.apply(conversation);
      await this.connections.note('lastPollAt');
    } catch (error) {
      await this.connections.noteError(`polling a conversation: ${(error as Error).message}`);
      // A refusal (a deleted conversation, a revoked token) waits for another quiet spell.
      if (error instanceof IntercomRefusedError) await this.links.heardFrom(link._id, next);
      throw error;
    }
  }
}
