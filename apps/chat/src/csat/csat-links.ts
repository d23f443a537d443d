import { seal, unseal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type ChatConfig } from '../chat.config';

/** How long a transcript's rating links work: as long as its file links. */
const LINK_TTL_DAYS = 30;

const claimsSchema = z.object({ t: z.string().min(1), r: z.string().min(1), e: z.number().int() });

export interface CsatLinkSubject {
  tenantId: string;
  roomId: string;
}

/**
 * The rating links of a transcript email: `/api/chat/csat?token=<token>&rating=<1-5>`, the token
 * the tenant, the room and an expiry sealed (AES-256-GCM) under the `csat-link` purpose key of
 * VISITOR_TOKEN_SECRET, so it names one room, cannot be made or changed without chat's key, and
 * shows nothing readable. In the query string, which the edge's access log leaves out.
 */
@Injectable()
export class CsatLinks {
  constructor(@InjectConfig() private readonly config: ChatConfig) {}

  /** The link with no rating yet: the mail adds `&rating=N` for each of its five links. */
  mailLink(subject: CsatLinkSubject): string {
    const expires = Math.floor(Date.now() / 1000) + LINK_TTL_DAYS * 86_400;
    const claims = JSON.stringify({ t: subject.tenantId, r: subject.roomId, e: expires });
    const token = seal(claims, this.config.VISITOR_TOKEN_SECRET, 'csat-link');
    return `${this.config.PUBLIC_URL}/api/chat/csat?token=${token}`;
  }

  /** The room a token names, or null when it was changed, made elsewhere or expired. */
  open(token: string): CsatLinkSubject | null {
    if (token.length === 0 || token.length > 1024) return null;
    try {
      const claims = claimsSchema.parse(
        JSON.parse(unseal(token, this.config.VISITOR_TOKEN_SECRET, 'csat-link')),
      );
      if (claims.e * 1000 < Date.now()) return null;
      return { tenantId: claims.t, roomId: claims.r };
    } catch {
      return null;
    }
  }
}
