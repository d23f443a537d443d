import { purposeKey, type VisitorAuthenticator, type VisitorPrincipal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { sign, TokenExpiredError, verify } from 'jsonwebtoken';
import { z } from 'zod';
import { type ChatConfig } from '../chat.config';
import { chatErrors } from '../chat-errors';

const AUDIENCE = 'parley-visitor';
const ISSUER = 'parley-chat';

const claimsSchema = z.object({
  sub: z.string(),
  rid: z.string(),
  tid: z.string(),
  // Every token chat issues has both; one without could never expire.
  iat: z.number(),
  exp: z.number(),
});

export interface VisitorIdentity {
  visitorId: string;
  roomId: string;
  tenantId: string;
}

/** Why a token opens nothing: `expired` is worth telling the visitor (they start anew). */
export type VisitorTokenCheck =
  { identity: VisitorIdentity } | { refused: 'expired' | 'invalid'; identity?: undefined };

/**
 * A visitor's token opens one room only; chat alone issues and checks it (HS256, under the key
 * VISITOR_TOKEN_SECRET derives for visitor tokens). A token lives VISITOR_TOKEN_TTL_HOURS at
 * most, counted from its issue, whatever expiry it claims.
 */
@Injectable()
export class VisitorTokensService implements VisitorAuthenticator {
  private readonly key: Buffer;
  private readonly maxAgeSeconds: number;

  constructor(@InjectConfig() config: ChatConfig) {
    this.key = purposeKey(config.VISITOR_TOKEN_SECRET, 'visitor-token');
    this.maxAgeSeconds = config.VISITOR_TOKEN_TTL_HOURS * 3600;
  }

  issue(identity: VisitorIdentity): string {
    return sign({ rid: identity.roomId, tid: identity.tenantId }, this.key, {
      algorithm: 'HS256',
      subject: identity.visitorId,
      audience: AUDIENCE,
      issuer: ISSUER,
      expiresIn: this.maxAgeSeconds,
    });
  }

  /** For `@AllowVisitors()` routes: an expired visitor token is a 401 `visitor_token_expired`. */
  authenticate(token: unknown): VisitorPrincipal | null {
    const checked = this.check(token);
    if ('refused' in checked && checked.refused === 'expired')
      throw chatErrors.visitorTokenExpired();
    return checked.identity ?? null;
  }

  /** The identity in a valid token, or null (bad signature, expired, another kind of token). */
  verify(token: unknown): VisitorIdentity | null {
    return this.check(token).identity ?? null;
  }

  check(token: unknown): VisitorTokenCheck {
    if (typeof token !== 'string' || token.length > 2048) return { refused: 'invalid' };
    try {
      const claims = claimsSchema.parse(
        verify(token, this.key, {
          algorithms: ['HS256'],
          audience: AUDIENCE,
          issuer: ISSUER,
          maxAge: this.maxAgeSeconds,
        }),
      );
      return { identity: { visitorId: claims.sub, roomId: claims.rid, tenantId: claims.tid } };
    } catch (error) {
      return { refused: error instanceof TokenExpiredError ? 'expired' : 'invalid' };
    }
  }
}
