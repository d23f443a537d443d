import { InjectConfig } from '@app/config';
import { RedisLocks } from '@app/platform';
import { forTenant } from '@app/tenancy';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { redisKeys } from '../redis-keys';
import { type AttemptResult, WebhookHttpClient } from '../outbound/webhook-http-client';
import {
  type EndpointRecord,
  WebhookEndpointsRepository,
} from '../webhooks/webhook-endpoints.repository';
import { WebhookSecrets } from '../webhooks/webhook-secrets';
import { signatureHeaders } from '../webhooks/webhook-signature';
import { EndpointSnapshots } from './endpoint-snapshots';
import { DisabledEndpointAlerts } from './disabled-endpoint-alerts';
import { retryDelay } from './retry-delay';
import { type AttemptOutcome, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { type WebhookDelivery } from './webhook-delivery.schema';

/** How long past the receiver's timeout a claim holds, before another replica may take over. */
const CLAIM_MARGIN_MS = 30_000;
/** A released delivery whose claim is still held is tried again this often, this many times. */
const CLAIM_RETRY_MS = 20;
const CLAIM_RETRIES = 5;
/** Attempts at once per replica: more would only queue on the database and the sockets. */
const MAX_IN_FLIGHT = 64;

interface DispatchOptions {
  /**
   * When its claim is held, try again a few times in the next moments (the next delivery of a
   * conversation, whose own previous attempt may be finishing).
   */
  patient?: boolean;
  /** The delivery as it was just stored, so the attempt need not read it back. */
  known?: WebhookDelivery;
}

/**
 * Attempts deliveries: claims one (so exactly one replica sends it: a Redis lock per delivery), holds it back while an
 * earlier delivery of its conversation to the same endpoint is pending, signs and sends it, and
 * records the outcome: delivered, due again after a backoff, or failed for good once its retry
 * window is over or its endpoint was disabled. Finishing a delivery releases the next one of its
 * conversation at once. Callers do not wait for the receiver.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiting = new Map<string, { tenantId: string } & DispatchOptions>();
  private stopping = false;
  private readonly claimMs: number;

  constructor(
    @InjectConfig() private readonly config: IntegrationsConfig,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly snapshots: EndpointSnapshots,
    private readonly client: WebhookHttpClient,
    private readonly secrets: WebhookSecrets,
    private readonly alerts: DisabledEndpointAlerts,
    private readonly locks: RedisLocks,
  ) {
    this.claimMs = config.WEBHOOK_TIMEOUT_MS + CLAIM_MARGIN_MS;
  }

  /** Attempts the delivery in the background, if it is due and no replica holds it. */
  dispatch(tenantId: string, deliveryId: string, options: DispatchOptions = {}): void {
    if (this.stopping) return;
    // A burst waits its turn here (it is in the database too: a crash loses nothing).
    if (this.inFlight.size >= MAX_IN_FLIGHT) {
      this.waiting.set(deliveryId, { tenantId, ...options });
      return;
    }
    const attempt = forTenant(tenantId, 'a webhook delivery of the tenant', () =>
      this.attempt(tenantId, deliveryId, options),
    )
      .catch((error: Error) =>
        this.logger.warn(`delivery ${deliveryId} could not be attempted: ${error.message}`),
      )
      .finally(() => {
        this.inFlight.delete(attempt);
        this.next();
      });
    this.inFlight.add(attempt);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.waiting.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private next(): void {
    const [first] = this.waiting;
    if (!first) return;
    const [deliveryId, { tenantId, ...options }] = first;
    this.waiting.delete(deliveryId);
    this.dispatch(tenantId, deliveryId, options);
  }

  private async attempt(tenantId: string, deliveryId: string, options: DispatchOptions) {
    await this.locks.run(
      redisKeys.deliveryClaim(deliveryId),
      {
        lockMs: this.claimMs,
        waitMs: options.patient ? CLAIM_RETRIES * CLAIM_RETRY_MS : 0,
        stepMs: CLAIM_RETRY_MS,
      },
      () => this.attemptClaimed(tenantId, deliveryId, options.known),
    );
  }

  private async attemptClaimed(tenantId: string, deliveryId: string, known?: WebhookDelivery) {
    const now = new Date();
    const delivery = await this.deliveries.claim(tenantId, deliveryId, now, this.claimMs, known);
    if (!delivery) return;
    const endpoint = await this.snapshots.get(delivery.endpointId);
    if (!endpoint?.enabled) {
      await this.deliveries.fail(delivery, 'endpoint_disabled');
      return this.releaseNext(delivery);
    }
    if (await this.waitsBehindEarlier(delivery, now)) return;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signatureHeaders(
      this.secrets.signingSecrets(endpoint, now),
      delivery.webhookId,
      timestamp,
      delivery.body,
    );
    const result = await this.client.post(endpoint.url, headers, delivery.body);
    const outcome = await this.outcomeOf(delivery, endpoint, result, new Date());
    if (!(await this.deliveries.record(delivery, outcome, new Date()))) return;
    if (outcome.status !== 'pending') await this.releaseNext(delivery);
  }

  /**
   * Whether an earlier delivery of the conversation to the endpoint is pending: then this one
   * is marked blocked, for the earlier one to release when it finishes (the claim's expiry is
   * the safety net). Checked again after marking: the earlier one may have finished in between
   * and found nothing blocked to release.
   */
  private async waitsBehindEarlier(delivery: WebhookDelivery, now: Date): Promise<boolean> {
    if (!(await this.deliveries.hasEarlierPending(delivery))) return false;
    await this.deliveries.block(delivery, new Date(now.getTime() + this.claimMs));
    if (await this.deliveries.hasEarlierPending(delivery)) return true;
    await this.deliveries.unblock(delivery);
    return false;
  }

  private async outcomeOf(
    delivery: WebhookDelivery,
    endpoint: EndpointRecord,
    result: AttemptResult,
    at: Date,
  ): Promise<AttemptOutcome> {
    const answer = {
      responseStatus: result.status ?? null,
      responseExcerpt: result.excerpt ?? null,
      error: result.error ?? null,
      durationMs: result.durationMs,
    };
    if (result.status !== undefined && result.status >= 200 && result.status < 300) {
      await this.snapshots.succeeded(endpoint);
      return {
        ...answer,
        status: 'delivered',
        nextAttemptAt: null,
        deliveredAt: at,
        latencyMs: at.getTime() - delivery.occurredAt.getTime(),
      };
    }
    const disabled = await this.failed(endpoint, at, result);
    const retry = !disabled && at < delivery.retryUntil;
    return {
      ...answer,
      status: retry ? 'pending' : 'failed',
      nextAttemptAt: retry
        ? new Date(
            at.getTime() +
              retryDelay(
                delivery.attempts + 1,
                this.config.WEBHOOK_RETRY_BASE_MS,
                this.config.WEBHOOK_RETRY_MAX_MS,
              ),
          )
        : null,
      deliveredAt: null,
      latencyMs: null,
    };
  }

  /**
   * Counts a failure against the endpoint: the first one starts its failure streak, and one
   * that ends a streak as long as WEBHOOK_DISABLE_AFTER_MS disables it and emails its admins.
   */
  private async failed(endpoint: EndpointRecord, at: Date, result: AttemptResult) {
    const since = (await this.snapshots.failed(endpoint, at)) ?? at;
    if (at.getTime() - since.getTime() < this.config.WEBHOOK_DISABLE_AFTER_MS) return false;
    const disabled = await this.endpoints.disableIfFailingSince(
      endpoint._id,
      new Date(at.getTime() - this.config.WEBHOOK_DISABLE_AFTER_MS),
    );
    if (!disabled) return false;
    this.logger.warn(
      `disabled webhook endpoint ${endpoint._id}: failing since ${since.toISOString()}`,
    );
    await this.alerts.send(
      disabled,
      result.status ? `HTTP ${result.status}` : (result.error ?? 'error'),
    );
    return true;
  }

  private async releaseNext(delivery: WebhookDelivery): Promise<void> {
    const next = await this.deliveries.unblockNext(delivery, new Date());
    if (next) this.dispatch(delivery.tenantId, next._id, { patient: true });
  }
}
