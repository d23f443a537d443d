import { type WebhookEndpointView } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { WebhookEndpoint } from './webhook-endpoint.schema';

/** An endpoint with its sealed secrets: never leaves the service (see `toView`). */
export type EndpointRecord = WebhookEndpoint;

export type EndpointFields = Pick<WebhookEndpoint, 'url' | 'events' | 'description' | 'enabled'>;

export const toView = (endpoint: EndpointRecord): WebhookEndpointView => ({
  id: endpoint._id,
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description,
  enabled: endpoint.enabled,
  disabledReason: endpoint.disabledReason,
  failingSince: endpoint.failingSince,
  previousSecretExpiresAt: endpoint.previousSecretExpiresAt,
  createdAt: endpoint.createdAt,
  updatedAt: endpoint.updatedAt,
});

/** Webhook endpoints of the tenant in context. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(
    @InjectModel(WebhookEndpoint.name) private readonly endpoints: Model<WebhookEndpoint>,
  ) {}

  async create(
    fields: EndpointFields & Pick<WebhookEndpoint, '_id' | 'secretSealed'>,
  ): Promise<EndpointRecord> {
    return (await this.endpoints.create(fields)).toObject();
  }

  list(): Promise<EndpointRecord[]> {
    return this.endpoints.find().sort({ createdAt: 1, _id: 1 }).lean().exec();
  }

  count(): Promise<number> {
    return this.endpoints.countDocuments().exec();
  }

  findById(id: string): Promise<EndpointRecord | null> {
    return this.endpoints.findOne({ _id: id }).lean().exec();
  }

  /** The enabled endpoints that subscribed to `type` (or to everything). */
  subscribedTo(type: string): Promise<EndpointRecord[]> {
    return this.endpoints
      .find({ enabled: true, events: { $in: [type, '*'] } })
      .lean()
      .exec();
  }

  /** Enabling by hand clears Parley's reason and the failure streak: a fresh start. */
  update(id: string, changes: Partial<EndpointFields>): Promise<EndpointRecord | null> {
    const set: Record<string, unknown> = { ...changes };
    if (changes.enabled === true) Object.assign(set, { disabledReason: null, failingSince: null });
    return this.endpoints.findOneAndUpdate({ _id: id }, { $set: set }, { new: true }).lean().exec();
  }

  rotateSecret(
    id: string,
    secrets: Pick<
      WebhookEndpoint,
      'secretSealed' | 'previousSecretSealed' | 'previousSecretExpiresAt'
    >,
  ): Promise<EndpointRecord | null> {
    return this.endpoints
      .findOneAndUpdate({ _id: id }, { $set: secrets }, { new: true })
      .lean()
      .exec();
  }

  async delete(id: string): Promise<boolean> {
    return (await this.endpoints.deleteOne({ _id: id }).exec()).deletedCount === 1;
  }

  async markSucceeded(id: string): Promise<void> {
    await this.endpoints
      .updateOne({ _id: id, failingSince: { $ne: null } }, { $set: { failingSince: null } })
      .exec();
  }

  /** Starts the failure streak unless one runs; answers when it started. */
  async markFailing(id: string, at: Date): Promise<Date | null> {
    await this.endpoints.updateOne({ _id: id, failingSince: null }, { $set: { failingSince: at } });
    return (await this.findById(id))?.failingSince ?? null;
  }

  /**
   * Disables the endpoint if it is still enabled and failing since `before` or earlier. Only
   * the one call that disables it gets the endpoint back (the one that emails the admins).
   */
  disableIfFailingSince(id: string, before: Date): Promise<EndpointRecord | null> {
    return this.endpoints
      .findOneAndUpdate(
        { _id: id, enabled: true, failingSince: { $ne: null, $lte: before } },
        { $set: { enabled: false, disabledReason: 'failing' } },
        { new: true },
      )
      .lean()
      .exec();
  }
}
