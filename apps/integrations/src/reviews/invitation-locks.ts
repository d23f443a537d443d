import { InjectConfig } from '@app/config';
import { AppHttpError, RedisLocks } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { redisKeys } from '../redis-keys';

/** A change other than an attempt: a few reads and one write. */
const CHANGE_MS = 10_000;
/** Past the requests of one attempt (a token, the invitation, a renewed token and it again). */
const ATTEMPT_MARGIN_MS = 10_000;

/**
 * Who may change an invitation now, on any replica: the one holding its lock. An attempt holds
 * it while it calls Trustpilot, so a rating, a retry or a disconnection waits until the attempt
 * is recorded; a second replica does not attempt it at all.
 */
@Injectable()
export class InvitationLocks {
  /** How long an attempt may hold the lock (and lease the invitation from the sweeps). */
  readonly attemptMs: number;

  constructor(
    private readonly locks: RedisLocks,
    @InjectConfig() config: IntegrationsConfig,
  ) {
    this.attemptMs = 4 * config.TRUSTPILOT_TIMEOUT_MS + ATTEMPT_MARGIN_MS;
  }

  /** Runs a change, waiting for an attempt in flight; 503 `busy` if it does not end in time. */
  async change<T>(invitationId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.exclusive(
      redisKeys.reviewInvitationLock(invitationId),
      { lockMs: CHANGE_MS, waitMs: this.attemptMs },
      work,
      () => new AppHttpError(503, 'busy', 'the invitation is being changed: try again'),
    );
  }

  /** Runs an attempt unless another holds the invitation; false when it did not run. */
  async attempt(invitationId: string, work: () => Promise<void>): Promise<boolean> {
    const outcome = await this.locks.run(
      redisKeys.reviewInvitationLock(invitationId),
      { lockMs: this.attemptMs },
      work,
    );
    return outcome.ran;
  }
}
