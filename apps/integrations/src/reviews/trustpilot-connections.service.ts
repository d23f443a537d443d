import { type TrustpilotConnectionAnswer, type TrustpilotConnectionView } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type ConnectTrustpilotDto } from './dto/trustpilot.dto';
import { reviewErrors } from './review-errors';
import { ReviewInvitationsService } from './review-invitations.service';
import {
  TrustpilotClient,
  type TrustpilotCredentials,
  type TrustpilotFailure,
  type TrustpilotResult,
} from './trustpilot-client';
import {
  type ConnectionRecord,
  type ConnectionSettings,
  toConnectionView,
  TrustpilotConnectionsRepository,
} from './trustpilot-connections.repository';
import { TrustpilotCredentialsVault } from './trustpilot-credentials-vault';
import { TrustpilotTokens } from './trustpilot-tokens';

const CREDENTIAL_FIELDS = ['apiKey', 'apiSecret'];

/**
 * The workspace's Trustpilot connection: connecting checks the credentials, the business unit
 * and the template with Trustpilot before storing anything (the credentials sealed); reading
 * shows the settings and the health, never the credentials; disconnecting stops every
 * invitation not sent yet and forgets the visitors kept for them.
 */
@Injectable()
export class TrustpilotConnectionsService {
  constructor(
    private readonly connections: TrustpilotConnectionsRepository,
    private readonly vault: TrustpilotCredentialsVault,
    private readonly tokens: TrustpilotTokens,
    private readonly client: TrustpilotClient,
    private readonly invitations: ReviewInvitationsService,
  ) {}

  async get(): Promise<TrustpilotConnectionAnswer> {
    const connection = await this.connections.find();
    if (!connection) return { connection: null };
    return { connection: toConnectionView(connection, await this.connections.healthOf()) };
  }

  async connect(body: ConnectTrustpilotDto): Promise<TrustpilotConnectionView> {
    const existing = await this.connections.find();
    const credentials = newCredentials(body, existing !== null);
    const settings: ConnectionSettings = {
      businessUnitId: body.businessUnitId,
      businessUserId: body.businessUserId ?? null,
      senderName: body.senderName ?? null,
      senderEmail: body.senderEmail ?? null,
      replyTo: body.replyTo ?? null,
      templateId: body.templateId ?? null,
      locale: body.locale ?? null,
      onlyRatedFourOrFive: body.onlyRatedFourOrFive,
      enabled: body.enabled,
    };
    const unchanged =
      !credentials &&
      existing?.businessUnitId === settings.businessUnitId &&
      existing.templateId === settings.templateId;
    if (!unchanged) await this.checkWithTrustpilot(settings, credentials, existing);
    const saved = await this.connections.save(
      settings,
      credentials && {
        credentialsSealed: this.vault.sealCredentials(credentials),
        credentialsVersion: randomUUID(),
      },
    );
    if (credentials && existing) await this.tokens.forget(existing);
    return toConnectionView(saved, await this.connections.healthOf());
  }

  async disconnect(): Promise<void> {
    const existing = await this.connections.find();
    if (!existing) throw reviewErrors.notConnected();
    await this.connections.delete();
    await this.tokens.forget(existing);
    await this.invitations.skipUnsettled();
  }

  /**
   * A token for the credentials (400 naming them when refused), then the business unit's
   * templates (400 naming `businessUnitId` when Trustpilot knows no such unit for them, or
   * `templateId` when it is not among them).
   */
  private async checkWithTrustpilot(
    settings: ConnectionSettings,
    credentials: TrustpilotCredentials | null,
    existing: ConnectionRecord | null,
  ): Promise<void> {
    const token = credentials
      ? await this.tokens.check(credentials)
      : await this.tokens.token(existing!);
    const accessToken = orRefused(
      token,
      CREDENTIAL_FIELDS,
      'Trustpilot refused these API credentials',
    );
    const templates = orRefused(
      await this.client.templates(accessToken, settings.businessUnitId),
      ['businessUnitId'],
      'Trustpilot knows no such business unit for these credentials',
    );
    if (settings.templateId && templates && !templates.includes(settings.templateId))
      throw reviewErrors.refusedBy(['templateId'], 'no such template in this business unit');
  }
}

/** The credentials given, if any: both or neither, and both when connecting the first time. */
function newCredentials(
  body: ConnectTrustpilotDto,
  connected: boolean,
): TrustpilotCredentials | null {
  const missing = (['apiKey', 'apiSecret'] as const).filter((field) => !body[field]);
  if (missing.length === 0) return { apiKey: body.apiKey!, apiSecret: body.apiSecret! };
  if (connected && missing.length === 2) return null;
  throw reviewErrors.credentialsRequired([...missing]);
}

/** The value, or the error a refusal makes: 400 naming `fields`, or 503 when Trustpilot is away. */
function orRefused<T>(result: TrustpilotResult<T>, fields: string[], message: string): T {
  if (result.ok) return result.value;
  const failure: TrustpilotFailure = result.failure;
  if (failure.kind === 'unavailable' || failure.kind === 'rate_limited')
    throw reviewErrors.unavailable(failure.detail);
  // A token refused for the stored credentials names them too: they no longer work.
  const named = failure.kind === 'unauthorized' ? CREDENTIAL_FIELDS : fields;
  throw reviewErrors.refusedBy(
    named,
    failure.kind === 'unauthorized' ? 'Trustpilot refused these API credentials' : message,
  );
}
