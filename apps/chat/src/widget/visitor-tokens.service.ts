import { type VisitorAuthenticator, type VisitorPrincipal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { sign, verify } from 'jsonwebtoken';
import { z } from 'zod';
import { type ChatConfig } from '../chat.config';

const AUDIENCE = 'parley-visitor';
const ISSUER = 'parley-chat';

const claimsSchema = z.object({ sub: z.string(), rid: z.string(), tid: z.string() });

export interface VisitorIdentity {
  visitorId: string;
  roomId: string;
  tenantId: string;
}

/** A visitor's token opens one room only; chat alone issues and checks it (HS256). */
@Injectable()
export class VisitorTokensService implements VisitorAuthenticator {
  constructor(@InjectConfig() private readonly config: ChatConfig) {}

  issue(identity: VisitorIdentity): string {
    return sign(
      { rid: identity.roomId, tid: identity.tenantId },
      this.config.VISITOR_TOKEN_SECRET,
      {
        algorithm: 'HS256',
        subject: identity.visitorId,
        audience: AUDIENCE,
        issuer: ISSUER,
        expiresIn: this.config.VISITOR_TOKEN_TTL_HOURS * 3600,
      },
    );
  }

  authenticate(token: string): VisitorPrincipal | null {
    return this.verify(token);
  }

  /** The identity in a valid token, or null (bad signature, expired, another kind of token). */
  verify(token: unknown): VisitorIdentity | null {
    if (typeof token !== 'string' || token.length > 2048) return null;
    try {
      const claims = claimsSchema.parse(
        verify(token, this.config.VISITOR_TOKEN_SECRET, {
          algorithms: ['HS256'],
          audience: AUDIENCE,
          issuer: ISSUER,
        }),
      );
      return { visitorId: claims.sub, roomId: claims.rid, tenantId: claims.tid };
    } catch {
      return null;
    }
  }
}
