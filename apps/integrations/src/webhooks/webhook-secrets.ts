import { seal, unseal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { type EndpointRecord } from './webhook-endpoints.repository';

/** Endpoint secrets at rest: sealed under WEBHOOK_SECRET_SEAL_KEY, opened only to sign. */
@Injectable()
export class WebhookSecrets {
  constructor(@InjectConfig() private readonly config: IntegrationsConfig) {}

  seal(secret: string): string {
    return seal(secret, this.config.WEBHOOK_SECRET_SEAL_KEY, 'webhook-secret');
  }

  /** The secrets that sign a delivery now: the current one, and the previous during its overlap. */
  signingSecrets(endpoint: EndpointRecord, now: Date): string[] {
    const open = (sealed: string) =>
      unseal(sealed, this.config.WEBHOOK_SECRET_SEAL_KEY, 'webhook-secret');
    const previousInForce =
      endpoint.previousSecretSealed !== null &&
      endpoint.previousSecretExpiresAt !== null &&
      endpoint.previousSecretExpiresAt > now;
    return previousInForce
      ? [open(endpoint.secretSealed), open(endpoint.previousSecretSealed!)]
      : [open(endpoint.secretSealed)];
  }
}
