import { Public } from '@app/auth';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiAnswer } from '@app/platform';
import { z } from 'zod';
import { SIGNING_KEY, type SigningKey } from './signing-key.provider';

/** RFC 7517's key set, with the EC P-256 public key's members. */
const jwksAnswer = z.object({
  keys: z.array(
    z.object({
      kty: z.literal('EC'),
      crv: z.literal('P-256'),
      x: z.string(),
      y: z.string(),
      kid: z.string(),
      alg: z.literal('ES256'),
      use: z.literal('sig'),
    }),
  ),
});

/** The public half of the signing key, for every service that verifies access tokens. */
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(SIGNING_KEY) private readonly key: SigningKey) {}

  @Public()
  @ApiAnswer(200, jwksAnswer)
  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: SigningKey['publicJwk'][] } {
    return { keys: [this.key.publicJwk] };
  }
}
