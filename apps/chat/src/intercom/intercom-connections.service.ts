import { InjectConfig } from '@app/config';
import { type IntercomStatusView } from '@app/contracts';
import { TenantContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { type ChatConfig } from '../chat.config';
import { type ConnectIntercomDto } from './dto/intercom.dto';
import { IntercomClient } from './intercom-client';
import { IntercomConnectionsRepository } from './intercom-connections.repository';
import { IntercomCredentials } from './intercom-credentials';
import { intercomErrors, IntercomRefusedError } from './intercom-errors';

/** Connecting, changing, reading and disconnecting the tenant in context's Intercom bridge. */
@Injectable()
export class IntercomConnections {
  constructor(
    private readonly connections: IntercomConnectionsRepository,
    private readonly credentials: IntercomCredentials,
    private readonly intercom: IntercomClient,
    @InjectConfig() private readonly config: ChatConfig,
  ) {}

  async status(): Promise<IntercomStatusView> {
    const connection = await this.connections.find();
    return {
      connected: connection !== null,
      scope: connection?.scope ?? null,
      workspace: connection?.workspace ?? null,
      connectedAt: connection?.connectedAt ?? null,
      lastWebhookAt: connection?.lastWebhookAt ?? null,
      lastPollAt: connection?.lastPollAt ?? null,
      lastForwardAt: connection?.lastForwardAt ?? null,
      lastError: connection?.lastError ?? null,
      webhookUrl: `${this.config.PUBLIC_URL}/api/chat/integrations/intercom/webhooks/${TenantContext.current()}`,
    };
  }

  /**
   * Connects, or changes the connection. A new access token is checked with Intercom first
   * (`GET /me`): one Intercom refuses is answered 400 naming `accessToken`, and nothing changes.
   */
  async connect(input: ConnectIntercomDto): Promise<IntercomStatusView> {
    const existing = await this.connections.find();
    if (!existing && !input.accessToken) throw intercomErrors.requiredToConnect('accessToken');
    if (!existing && !input.clientSecret) throw intercomErrors.requiredToConnect('clientSecret');
    const checked = input.accessToken ? await this.check(input.accessToken) : undefined;
    await this.connections.save(
      {
        scope: input.scope,
        ...(input.accessToken
          ? { accessTokenSealed: this.credentials.seal(input.accessToken), ...checked }
          : {}),
        ...(input.clientSecret
          ? { clientSecretSealed: this.credentials.seal(input.clientSecret) }
          : {}),
      },
      new Date(),
    );
    return this.status();
  }

  async disconnect(): Promise<void> {
    if (!(await this.connections.delete())) throw intercomErrors.notConnected();
  }

  /** Who the token belongs to, as Intercom says; a refusal names the field. */
  private async check(accessToken: string): Promise<{
    workspace: { name: string | null; adminName: string | null };
    adminId: string;
  }> {
    try {
      // On the request path: one try, no waiting out a rate limit.
      const me = await this.intercom.me(accessToken, { attempts: 1, maxInlineWaitMs: 0 });
      return {
        workspace: { name: me.app?.name ?? null, adminName: me.name ?? null },
        adminId: me.id,
      };
    } catch (error) {
      if (error instanceof IntercomRefusedError)
        throw intercomErrors.fieldRefused(
          'accessToken',
          'intercom_token_refused',
          `Intercom refused the token (${error.status} ${error.code})`,
        );
      throw intercomErrors.unavailable();
    }
  }
}
