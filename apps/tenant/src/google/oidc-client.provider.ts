import { InjectConfig } from '@app/config';
import { AppHttpError } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { type BaseClient, Issuer } from 'openid-client';
import { type TenantConfig } from '../tenant.config';

/**
 * The OpenID Connect client for "Sign in with Google" — or any provider at OIDC_ISSUER_URL. The
 * issuer is discovered on first use, so the tenant service starts even if the provider is away.
 */
@Injectable()
export class OidcClientProvider {
  private client?: Promise<BaseClient>;

  constructor(@InjectConfig() private readonly config: TenantConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.OIDC_ISSUER_URL);
  }

  get redirectUri(): string {
    return `${this.config.PUBLIC_URL}/api/tenant/auth/google/callback`;
  }

  async get(): Promise<BaseClient> {
    if (!this.enabled) {
      throw new AppHttpError(
        404,
        'google_sign_in_disabled',
        'Google sign-in is not configured on this server',
      );
    }
    this.client ??= this.discover();
    try {
      return await this.client;
    } catch (error) {
      this.client = undefined;
      throw new AppHttpError(
        503,
        'identity_provider_unavailable',
        `the identity provider did not answer: ${(error as Error).message}`,
      );
    }
  }

  private async discover(): Promise<BaseClient> {
    const issuer = await Issuer.discover(this.config.OIDC_ISSUER_URL!);
    return new issuer.Client({
      client_id: this.config.OIDC_CLIENT_ID!,
      client_secret: this.config.OIDC_CLIENT_SECRET!,
      redirect_uris: [this.redirectUri],
      response_types: ['code'],
    });
  }
}
