import { Inject, Injectable, Optional } from '@nestjs/common';
import { decode, verify } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import {
  ACCESS_TOKEN_ALGORITHM,
  accessTokenClaimsSchema,
  type Principal,
  principalFromClaims,
} from './access-token';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { RevocationList, type RevocationStatus } from './revocation-list';

/**
 * A socket handshake's `auth.token` is whatever the client sent; a bound keeps a huge string
 * from being decoded. HTTP headers are already bounded by the server, so the guard skips it.
 */
const MAX_HANDSHAKE_TOKEN_LENGTH = 4096;

/**
 * The one check of an access token, for the HTTP guard and socket handshakes alike: ES256 only,
 * our issuer and audience, not expired, claims of the expected shape, and the key from the
 * tenant service's JWKS (or, in the tenant service, its own key).
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly jwks?: JwksClient;

  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    @Optional() private readonly revocations?: RevocationList,
  ) {
    if ('jwksUrl' in options.keys) {
      this.jwks = new JwksClient({
        jwksUri: options.keys.jwksUrl,
        cache: true,
        cacheMaxAge: 10 * 60 * 1000,
        // An unknown key id (a rotation) refetches the set, at most this often.
        rateLimit: true,
        jwksRequestsPerMinute: 10,
      });
    }
  }

  /**
   * For a socket handshake: null for anything that is not a valid access token, or whose
   * session was revoked or permissions changed since; throws when that cannot be checked.
   */
  async verify(token: unknown): Promise<Principal | null> {
    if (typeof token !== 'string' || token.length > MAX_HANDSHAKE_TOKEN_LENGTH) return null;
    const principal = await this.verifyToken(token);
    if (!principal || (await this.revocationStatus(principal)) !== 'valid') return null;
    return principal;
  }

  /** What the revocation list says of a verified token ('valid' where a service keeps none). */
  revocationStatus(principal: Principal): Promise<RevocationStatus> {
    return this.revocations?.statusOf(principal) ?? Promise.resolve('valid');
  }

  /** The bearer's principal, or null when the token is invalid, expired or not ours. */
  async verifyToken(token: string): Promise<Principal | null> {
    try {
      return this.principalFrom(verify(token, await this.signingKey(token), this.rules));
    } catch {
      return null;
    }
  }

  /** What a valid token must also satisfy besides its signature. */
  get rules(): { algorithms: [typeof ACCESS_TOKEN_ALGORITHM]; issuer: string; audience: string } {
    return {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: this.options.issuer,
      audience: this.options.audience,
    };
  }

  /** The principal in a verified token's claims, or null when they are not of our shape. */
  principalFrom(payload: unknown): Principal | null {
    const claims = accessTokenClaimsSchema.safeParse(payload);
    return claims.success ? principalFromClaims(claims.data) : null;
  }

  /** The public key that signed a token: the tenant service's own, or from its JWKS. */
  async signingKey(token: string): Promise<string> {
    if ('publicKeyPem' in this.options.keys) return this.options.keys.publicKeyPem();
    const header = decode(token, { complete: true })?.header;
    return (await this.jwks!.getSigningKey(header?.kid)).getPublicKey();
  }
}
