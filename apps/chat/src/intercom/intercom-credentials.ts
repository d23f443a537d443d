import { seal, unseal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { type ChatConfig } from '../chat.config';

/** A tenant's Intercom secrets at rest: sealed under INTERCOM_SEAL_KEY, opened only to use them. */
@Injectable()
export class IntercomCredentials {
  constructor(@InjectConfig() private readonly config: ChatConfig) {}

  seal(secret: string): string {
    return seal(secret, this.config.INTERCOM_SEAL_KEY, 'intercom-credentials');
  }

  open(sealed: string): string {
    return unseal(sealed, this.config.INTERCOM_SEAL_KEY, 'intercom-credentials');
  }
}
