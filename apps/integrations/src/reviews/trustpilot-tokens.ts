import { InjectConfig } from '@app/config';
import { REDIS, RedisLocks } from '@app/platform';
import { TenantContext } from '@app/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type IntegrationsConfig } from '../integrations.config';
import { redisKeys } from '../redis-keys';
import {
  type TrustpilotCredentials,
  TrustpilotClient,
  type TrustpilotResult,
} from './trustpilot-client';
import {
  type ConnectionRecord,
  TrustpilotConnectionsRepository,
} from './trustpilot-connections.repository';
import { TrustpilotCredentialsVault } from './trustpilot-credentials-vault';

/** A token is renewed this long before it expires: a tenth of its life, at most ten minutes. */
const renewalMarginMs = (lifeMs: number) => Math.min(10 * 60_000, lifeMs / 10);

/**
 * Access tokens of the tenant in context: cached sealed in Redis (shared by replicas) until
 * shortly before they expire, then requested again. Trustpilot answers 429 to tokens requested
 * too often, so one request at a time per tenant: one per process (a shared promise), and one
 * across replicas (a Redis lock, after which the cache is read again); `renew` after a 401.
 */
@Injectable()
export class TrustpilotTokens {
  private readonly inFlight = new Map<string, Promise<TrustpilotResult<string>>>();
  /** Longer than a token request may take: a holder that died holds it no longer. */
  private readonly requestLockMs: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly locks: RedisLocks,
    @InjectConfig() config: IntegrationsConfig,
    private readonly client: TrustpilotClient,
    private readonly vault: TrustpilotCredentialsVault,
    private readonly connections: TrustpilotConnectionsRepository,
  ) {
    this.requestLockMs = 2 * config.TRUSTPILOT_TIMEOUT_MS;
  }

  /** The cached token, or a new one. */
  async token(connection: ConnectionRecord): Promise<TrustpilotResult<string>> {
    return (await this.cached(connection)) ?? this.request(connection);
  }

  /** A new token, the cached one being refused (401) or suspect. */
  async renew(connection: ConnectionRecord): Promise<TrustpilotResult<string>> {
    await this.redis.del(this.keyOf(connection));
    return this.request(connection);
  }

  /** Tries credentials before they are stored: a token for them, cached if they are kept. */
  async check(credentials: TrustpilotCredentials): Promise<TrustpilotResult<string>> {
    const answer = await this.client.requestToken(credentials);
    return answer.ok ? { ok: true, value: answer.value.accessToken } : answer;
  }

  /** Forgets the tenant's cached tokens (its credentials changed or it disconnected). */
  async forget(connection: ConnectionRecord): Promise<void> {
    await this.redis.del(this.keyOf(connection));
  }

  private request(connection: ConnectionRecord): Promise<TrustpilotResult<string>> {
    const key = this.keyOf(connection);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchOnce(connection, key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async cached(connection: ConnectionRecord): Promise<TrustpilotResult<string> | null> {
    const sealed = await this.redis.get(this.keyOf(connection));
    return sealed ? { ok: true, value: this.vault.openToken(sealed) } : null;
  }

  private async fetchOnce(
    connection: ConnectionRecord,
    key: string,
  ): Promise<TrustpilotResult<string>> {
    const lock = redisKeys.trustpilotTokenLock(
      TenantContext.current(),
      connection.credentialsVersion,
    );
    const options = { lockMs: this.requestLockMs, waitMs: this.requestLockMs };
    const outcome = await this.locks.run(lock, options, async () => {
      // Another replica may have cached one while this one waited for the lock.
      return (await this.cached(connection)) ?? this.fetchAndCache(connection, key);
    });
    // Held past any request's time: its holder is stuck; asking beside it beats failing.
    return outcome.ran ? outcome.result : this.fetchAndCache(connection, key);
  }

  private async fetchAndCache(
    connection: ConnectionRecord,
    key: string,
  ): Promise<TrustpilotResult<string>> {
    const credentials = this.vault.openCredentials(connection.credentialsSealed);
    const answer = await this.client.requestToken(credentials);
    if (!answer.ok) return answer;
    const lifeMs = answer.value.expiresInSeconds * 1000;
    const cacheMs = Math.floor(lifeMs - renewalMarginMs(lifeMs));
    if (cacheMs > 0)
      await this.redis.set(key, this.vault.sealToken(answer.value.accessToken), 'PX', cacheMs);
    await this.connections.recordToken(new Date(Date.now() + lifeMs));
    return { ok: true, value: answer.value.accessToken };
  }

  private keyOf(connection: ConnectionRecord): string {
    return redisKeys.trustpilotToken(TenantContext.current(), connection.credentialsVersion);
  }
}
