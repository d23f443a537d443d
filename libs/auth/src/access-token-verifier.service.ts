import { Inject, Injectable } from '@nestjs/common';
import { JwksClient } from 'jwks-rsa';
import { decode, verify } from 'jsonwebtoken';
import {
  ACCESS_TOKEN_ALGORITHM,
  accessTokenClaimsSchema,
  type Principal,
  principalFromClaims,
} from './access-token';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

/**
 * Checks an access token outside an HTTP request (a socket handshake) with the same rules as
 * the HTTP guard: ES256 only, issuer, audience, expiry, keys from the JWKS.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly jwks?: JwksClient;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    if ('jwksUrl' in options.keys) {
      this.jwks = new JwksClient({
        jwksUri: options.keys.jwksUrl,
        cache: true,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
      });
    }
  }

  async verify(token: unknown): Promise<Principal | null> {
    if (typeof token !== 'string' || token.length > 4096) return null;
    try {
      const key = await this.keyFor(token);
      const claims = accessTokenClaimsSchema.parse(
        verify(token, key, {
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          issuer: this.options.issuer,
          audience: this.options.audience,
        }),
      );
      return principalFromClaims(claims);
    } catch {
      return null;
    }
  }

  private async keyFor(token: string): Promise<string> {
    if ('publicKeyPem' in this.options.keys) return this.options.keys.publicKeyPem();
    const header = decode(token, { complete: true })?.header;
    const signingKey = await this.jwks!.getSigningKey(header?.kid);
    return signingKey.getPublicKey();
  }
}
