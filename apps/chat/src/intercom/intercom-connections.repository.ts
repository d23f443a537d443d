import { findOwnById, TenantContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { IntercomConnection } from './intercom-connection.schema';

export type IntercomConnectionRecord = IntercomConnection;

/** What a connect or an update writes; the secrets already sealed. */
export type ConnectionFields = Pick<IntercomConnection, 'scope'> &
  Partial<
    Pick<IntercomConnection, 'accessTokenSealed' | 'clientSecretSealed' | 'workspace' | 'adminId'>
  >;

/** The tenant in context's Intercom connection (one document, by `_id` = tenant id). */
@Injectable()
export class IntercomConnectionsRepository {
  constructor(
    @InjectModel(IntercomConnection.name) private readonly connections: Model<IntercomConnection>,
  ) {}

  find(): Promise<IntercomConnectionRecord | null> {
    return findOwnById(this.connections, TenantContext.current());
  }

  /** A first connect (with both secrets) or a change of an existing one. */
  async save(fields: ConnectionFields, now: Date): Promise<void> {
    const tenantId = TenantContext.current();
    await this.connections
      .updateOne(
        { _id: tenantId },
        {
          $set: { ...fields, lastError: null },
          $setOnInsert: {
            connectedAt: now,
            lastWebhookAt: null,
            lastPollAt: null,
            lastForwardAt: null,
          },
        },
        { upsert: true },
      )
      .exec();
  }

  async delete(): Promise<boolean> {
    const { deletedCount } = await this.connections
      .deleteOne({ _id: TenantContext.current() })
      .exec();
    return deletedCount > 0;
  }

  /** Health as the status shows it: what happened last, and the last error. */
  async note(
    field: 'lastWebhookAt' | 'lastPollAt' | 'lastForwardAt',
    at = new Date(),
  ): Promise<void> {
    await this.connections.updateOne({ _id: TenantContext.current() }, { $set: { [field]: at } });
  }

  async noteError(message: string, at = new Date()): Promise<void> {
    await this.connections.updateOne(
      { _id: TenantContext.current() },
      { $set: { lastError: { at, message: message.slice(0, 500) } } },
    );
  }
}
