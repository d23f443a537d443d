import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { type Principal } from './access-token';
import { AccessTokenVerifier } from './access-token-verifier.service';

/**
 * The HTTP side of token checking: passport-jwt reads the bearer token (scheme in any case), and
 * checks it with the one verifier's signing key (one JWKS client), rules (ES256, issuer,
 * audience, expiry) and claims, the same as a socket handshake gets.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly verifier: AccessTokenVerifier) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_request: unknown, token: string, done: KeyCallback) => {
        verifier.signingKey(token).then(
          (key) => done(null, key),
          (error: Error) => done(error),
        );
      },
      ...verifier.rules,
    });
  }

  validate(payload: unknown): Principal | false {
    return this.verifier.principalFrom(payload) ?? false;
  }
}

type KeyCallback = (error: Error | null, key?: string) => void;
