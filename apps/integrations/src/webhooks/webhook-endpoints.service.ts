import { InjectConfig } from '@app/config';
import {
  type WebhookDeliveriesPage,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DeliverySweeper } from '../deliveries/delivery-sweeper.service';
import {
  toDeliveryView,
  WebhookDeliveriesRepository,
} from '../deliveries/webhook-deliveries.repository';
import { WebhookDispatcher } from '../deliveries/webhook-dispatcher.service';
import { type IntegrationsConfig } from '../integrations.config';
import { OutboundGuard } from '../outbound/outbound-guard';
import { WebhookActionLimits } from './webhook-action-limits';
import { webhookTestEvent } from './webhook-test-event';
import { webhookErrors } from './webhook-errors';
import {
  type EndpointFields,
  type EndpointRecord,
  toView,
  WebhookEndpointsRepository,
} from './webhook-endpoints.repository';
import { WebhookSecrets } from './webhook-secrets';
import { newWebhookSecret } from './webhook-signature';

export interface NewEndpoint {
  url: string;
  events: string[];
  description?: string;
  enabled?: boolean;
}

/** The tenant's webhook endpoints, their secrets and their delivery logs. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectConfig() private readonly config: IntegrationsConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly guard: OutboundGuard,
    private readonly secrets: WebhookSecrets,
    private readonly dispatcher: WebhookDispatcher,
    private readonly sweeper: DeliverySweeper,
    private readonly limits: WebhookActionLimits,
  ) {}

  async list(): Promise<WebhookEndpointView[]> {
    return (await this.endpoints.list()).map(toView);
  }

  async get(id: string): Promise<WebhookEndpointView> {
    return toView(await this.own(id));
  }

  async create(fields: NewEndpoint): Promise<WebhookEndpointWithSecret> {
    const limit = this.config.WEBHOOK_ENDPOINTS_PER_TENANT;
    if ((await this.endpoints.count()) >= limit) throw webhookErrors.tooMany(limit);
    await this.checkReachable(fields.url);
    const secret = newWebhookSecret();
    const created = await this.endpoints.create({
      _id: randomUUID(),
      url: fields.url,
      events: fields.events,
      description: fields.description ?? '',
      enabled: fields.enabled ?? true,
      secretSealed: this.secrets.seal(secret),
    });
    return { ...toView(created), secret };
  }

  async update(id: string, changes: Partial<EndpointFields>): Promise<WebhookEndpointView> {
    if (changes.url !== undefined) await this.checkReachable(changes.url);
    const updated = await this.endpoints.update(id, changes);
    if (!updated) throw webhookErrors.notFound();
    return toView(updated);
  }

  /** Deliveries pending for it are dropped with it. */
  async delete(id: string): Promise<void> {
    if (!(await this.endpoints.delete(id))) throw webhookErrors.notFound();
    await this.deliveries.deleteOfEndpoint(id);
  }

  /** A new secret, shown once; the old one keeps signing too for WEBHOOK_ROTATION_OVERLAP_MS. */
  async rotateSecret(id: string): Promise<WebhookEndpointWithSecret> {
    const endpoint = await this.own(id);
    const secret = newWebhookSecret();
    const overlapMs = this.config.WEBHOOK_ROTATION_OVERLAP_MS;
    const rotated = await this.endpoints.rotateSecret(id, {
      secretSealed: this.secrets.seal(secret),
      previousSecretSealed: overlapMs > 0 ? endpoint.secretSealed : null,
      previousSecretExpiresAt: overlapMs > 0 ? new Date(Date.now() + overlapMs) : null,
    });
    if (!rotated) throw webhookErrors.notFound();
    return { ...toView(rotated), secret };
  }

  async deliveryLog(
    id: string,
    query: { status?: WebhookDeliveryStatus; limit: number; cursor?: string },
  ): Promise<WebhookDeliveriesPage> {
    await this.own(id);
    return this.deliveries.page(id, query);
  }

  async replay(id: string, deliveryId: string): Promise<WebhookDeliveryView> {
    await this.ownEnabled(id);
    await this.limits.consume('replay', id);
    const now = new Date();
    if (!(await this.deliveries.findById(id, deliveryId))) throw webhookErrors.deliveryNotFound();
    await this.deliveries.replay(id, deliveryId, now, this.retryUntil(now));
    this.sweeper.trigger();
    return toDeliveryView((await this.deliveries.findById(id, deliveryId))!);
  }

  async replayFailed(id: string): Promise<{ replayed: number }> {
    await this.ownEnabled(id);
    await this.limits.consume('replay-failed', id);
    const now = new Date();
    const replayed = await this.deliveries.replayFailed(id, now, this.retryUntil(now));
    this.sweeper.trigger();
    return { replayed };
  }

  /** Queues a `parley.test.v1` event for the endpoint, whatever it subscribed to. */
  async sendTest(id: string): Promise<WebhookDeliveryView> {
    const endpoint = await this.ownEnabled(id);
    await this.limits.consume('test', id);
    const now = new Date();
    const [delivery] = await this.deliveries.createDue(
      [webhookTestEvent(endpoint, now, this.retryUntil(now))],
      now,
    );
    this.dispatcher.dispatch(endpoint.tenantId, delivery._id, { known: delivery });
    return toDeliveryView(delivery);
  }

  private retryUntil(now: Date): Date {
    return new Date(now.getTime() + this.config.WEBHOOK_RETRY_WINDOW_MS);
  }

  private async own(id: string): Promise<EndpointRecord> {
    const endpoint = await this.endpoints.findById(id);
    if (!endpoint) throw webhookErrors.notFound();
    return endpoint;
  }

  private async ownEnabled(id: string): Promise<EndpointRecord> {
    const endpoint = await this.own(id);
    if (!endpoint.enabled) throw webhookErrors.disabled();
    return endpoint;
  }

  /** 400 `url_not_allowed` for a URL whose host resolves where webhooks may not go. */
  private async checkReachable(url: string): Promise<void> {
    const check = await this.guard.check(new URL(url));
    if (!check.allowed) throw webhookErrors.urlNotAllowed(check.detail);
  }
}
