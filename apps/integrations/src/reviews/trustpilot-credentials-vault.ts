import { seal, unseal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { type TrustpilotCredentials } from './trustpilot-client';

/**
 * Trustpilot credentials and tokens at rest: sealed under TRUSTPILOT_CREDENTIALS_SEAL_KEY, one
 * purpose each, opened only to ask Trustpilot for a token or to call it.
 */
@Injectable()
export class TrustpilotCredentialsVault {
  constructor(@InjectConfig() private readonly config: IntegrationsConfig) {}

  sealCredentials(credentials: TrustpilotCredentials): string {
    const { apiKey, apiSecret } = credentials;
    return seal(
      JSON.stringify({ apiKey, apiSecret }),
      this.config.TRUSTPILOT_CREDENTIALS_SEAL_KEY,
      'trustpilot-credentials',
    );
  }

  openCredentials(sealed: string): TrustpilotCredentials {
    return JSON.parse(
      unseal(sealed, this.config.TRUSTPILOT_CREDENTIALS_SEAL_KEY, 'trustpilot-credentials'),
    ) as TrustpilotCredentials;
  }

  sealToken(token: string): string {
    return seal(token, this.config.TRUSTPILOT_CREDENTIALS_SEAL_KEY, 'trustpilot-token');
  }

  openToken(sealed: string): string {
    return unseal(sealed, this.config.TRUSTPILOT_CREDENTIALS_SEAL_KEY, 'trustpilot-token');
  }
}
