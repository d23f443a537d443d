import { type KafkaConfig } from '@app/config';
import { type InjectionToken } from '@nestjs/common';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface RetryPolicy {
  /** Tries of a handler before the message is parked on `<topic>.dlq` (first try included). */
  attempts: number;
  /** Delay before the second try; each further try waits twice as long. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface MessagingOptions {
  serviceName: string;
  kafka: KafkaConfig;
  consumerRetry?: Partial<RetryPolicy>;
  /** How often an idle outbox relay looks for events written by another replica. */
  outboxPollMs?: number;
  /**
   * The service's Redis client, to keep the outbox in Redis rather than in the service's
   * database: for a service that publishes on its hot path (see RedisOutboxStore).
   */
  outboxRedis?: InjectionToken;
}

export const DEFAULT_CONSUMER_RETRY: RetryPolicy = {
  attempts: 4,
  initialDelayMs: 250,
  maxDelayMs: 5000,
};

export function backoffDelay(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.initialDelayMs * 2 ** (failedAttempts - 1), policy.maxDelayMs);
}
