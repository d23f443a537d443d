import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, type SecretOrKeyProvider, Strategy } from 'passport-jwt';
import {
  ACCESS_TOKEN_ALGORITHM,
  accessTokenClaimsSchema,
  type Principal,
  principalFromClaims,
} from './access-token';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

/** Verifies bearer access tokens: ES256 only, our issuer and audience, not expired. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: keyProvider(options),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: options.issuer,
      audience: options.audience,
      ignoreExpiration: false,
    });
  }

  validate(payload: unknown): Principal | false {
    const claims = accessTokenClaimsSchema.safeParse(payload);
    return claims.success ? principalFromClaims(claims.data) : false;
  }
}

function keyProvider(options: AuthOptions): SecretOrKeyProvider {
  if ('publicKeyPem' in options.keys) {
    const pem = options.keys.publicKeyPem;
    return (_request, _token, done) => done(null, pem());
  }
  return passportJwtSecret({
    jwksUri: options.keys.jwksUrl,
    cache: true,
    cacheMaxAge: 10 * 60 * 1000,
    // An unknown key id (a rotation) refetches the set, at most this often.
    rateLimit: true,
    jwksRequestsPerMinute: 10,
  }) as SecretOrKeyProvider;
}
