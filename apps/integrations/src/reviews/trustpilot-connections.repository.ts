import { type TrustpilotConnectionView, type TrustpilotHealthView } from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { TrustpilotConnection, TrustpilotHealth } from './trustpilot-connection.schema';

/** The settings a workspace chooses (everything but the credentials). */
export type ConnectionSettings = Pick<
  TrustpilotConnection,
  | 'businessUnitId'
  | 'businessUserId'
  | 'senderName'
  | 'senderEmail'
  | 'replyTo'
  | 'templateId'
  | 'locale'
  | 'onlyRatedFourOrFive'
  | 'enabled'
>;

export type ConnectionRecord = TrustpilotConnection;

export function toConnectionView(
  connection: ConnectionRecord,
  health: TrustpilotHealth | null,
): TrustpilotConnectionView {
  return {
    businessUnitId: connection.businessUnitId,
    businessUserId: connection.businessUserId,
    senderName: connection.senderName,
    senderEmail: connection.senderEmail,
    replyTo: connection.replyTo,
    templateId: connection.templateId,
    locale: connection.locale,
    onlyRatedFourOrFive: connection.onlyRatedFourOrFive,
    enabled: connection.enabled,
    health: toHealthView(health),
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
  };
}

function toHealthView(health: TrustpilotHealth | null): TrustpilotHealthView {
  const success = health?.lastSuccessAt ?? null;
  const error = health?.lastErrorAt ?? null;
  return {
    status:
      !success && !error ? 'unknown' : error && (!success || error > success) ? 'failing' : 'ok',
    lastSuccessAt: success,
    lastErrorAt: error,
    lastError: health?.lastError ?? null,
    tokenExpiresAt: health?.tokenExpiresAt ?? null,
  };
}

/** The Trustpilot connection of the tenant in context, and how its calls fare. */
@Injectable()
export class TrustpilotConnectionsRepository {
  constructor(
    @InjectModel(TrustpilotConnection.name)
    private readonly connections: Model<TrustpilotConnection>,
    @InjectModel(TrustpilotHealth.name) private readonly health: Model<TrustpilotHealth>,
  ) {}

  find(): Promise<ConnectionRecord | null> {
    return this.connections.findOne({ _id: TenantContext.current() }).lean().exec();
  }

  /** The connection if invitations are to be made now: connected and enabled. */
  async findEnabled(): Promise<ConnectionRecord | null> {
    const connection = await this.find();
    return connection?.enabled ? connection : null;
  }

  healthOf(): Promise<TrustpilotHealth | null> {
    return this.health.findOne({ _id: TenantContext.current() }).lean().exec();
  }

  /** Creates or replaces the settings; credentials change only when given. */
  async save(
    settings: ConnectionSettings,
    credentials: Pick<ConnectionRecord, 'credentialsSealed' | 'credentialsVersion'> | null,
  ): Promise<ConnectionRecord> {
    const save = () =>
      this.connections
        .findOneAndUpdate(
          { _id: TenantContext.current() },
          { $set: { ...settings, ...credentials } },
          { new: true, upsert: true },
        )
        .lean()
        .exec();
    // Two first connections at once: the loser's upsert collides, and updates the winner's.
    const saved = await save().catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
      return save();
    });
    return saved!;
  }

  async delete(): Promise<boolean> {
    const tenantId = TenantContext.current();
    await this.health.deleteOne({ _id: tenantId }).exec();
    return (await this.connections.deleteOne({ _id: tenantId }).exec()).deletedCount === 1;
  }

  async recordSuccess(at: Date): Promise<void> {
    await this.writeHealth({ lastSuccessAt: at });
  }

  async recordError(at: Date, detail: string): Promise<void> {
    await this.writeHealth({ lastErrorAt: at, lastError: detail });
  }

  async recordToken(expiresAt: Date): Promise<void> {
    await this.writeHealth({ tokenExpiresAt: expiresAt });
  }

  private async writeHealth(fields: Partial<TrustpilotHealth>): Promise<void> {
    const write = () =>
      this.health
        .updateOne({ _id: TenantContext.current() }, { $set: fields }, { upsert: true })
        .exec();
    // Two first writes at once: the loser's upsert collides, and writes again as an update.
    await write().catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
      return write();
    });
  }
}
