import { Public } from '@app/auth';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { SIGNING_KEY, type SigningKey } from './signing-key.provider';

/** The public half of the signing key, for every service that verifies access tokens. */
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(SIGNING_KEY) private readonly key: SigningKey) {}

  @Public()
  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: SigningKey['publicJwk'][] } {
    return { keys: [this.key.publicJwk] };
  }
}
