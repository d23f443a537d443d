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

  authenticate(token: unknown): VisitorPrincipal | null {
    return this.verify(token);
  }

  /**
   * The identity in a valid token, or null (bad signature, another kind of token); an expired
   * one throws 401 `visitor_token_expired`, for REST and the socket handshake to tell the visitor.
   */
  verify(token: unknown): VisitorIdentity | null {
    if (typeof token !== 'string' || token.length > 2048) return null;
    try {
      const claims = claimsSchema.parse(
        verify(token, this.key, {
          algorithms: ['HS256'],
          audience: AUDIENCE,
          issuer: ISSUER,
          maxAge: this.maxAgeSeconds,
        }),
      );
      return { visitorId: claims.sub, roomId: claims.rid, tenantId: claims.tid };
    } catch (error) {
      if (error instanceof TokenExpiredError) throw chatErrors.visitorTokenExpired();
      return null;
    }
  }
}
