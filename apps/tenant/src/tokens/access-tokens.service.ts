import { ACCESS_TOKEN_ALGORITHM, type AccessTokenClaims } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { type TenantConfig } from '../tenant.config';
import { SIGNING_KEY, type SigningKey } from './signing-key.provider';

export type AccessTokenSubject = Omit<AccessTokenClaims, 'iat' | 'iatMs' | 'exp'>;

@Injectable()
export class AccessTokensService {
  constructor(
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  issue(subject: AccessTokenSubject): string {
    // `iat` and its milliseconds from one reading of the clock.
    const now = Date.now();
    return sign({ ...subject, iat: Math.floor(now / 1000), iatMs: now }, this.key.privateKey, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: this.key.kid,
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
  }
}
