import { purposeKey } from '@app/auth';
import { InjectConfig } from '@app/config';
import { type MessageAttachment } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type ChatConfig } from '../chat.config';

/** What a link downloads: the file itself, or an image's small version. */
export type LinkVariant = 'content' | 'thumbnail';

/** An attachment as a message stores it: everything but the links, which are made per delivery. */
export type StoredAttachment = Omit<MessageAttachment, 'url' | 'thumbnailUrl'> & {
  hasThumbnail: boolean;
};

export interface LinkParams {
  tenant: string;
  expires: string;
  signature: string;
}

/**
 * Download links of attachments: `/api/chat/attachments/<id>/<variant>?tenant=&expires=&signature=`,
 * an HMAC (the `attachment-link` purpose key, from VISITOR_TOKEN_SECRET) over the tenant, the
 * file, the variant and the expiry. Only code that already checked who asks hands them out: the
 * room's visitor and the tenant's agents, in messages and history; the visitor's transcript.
 * Paths are relative to Parley's origin, except in mail (PUBLIC_URL in front).
 */
@Injectable()
export class AttachmentLinks {
  private readonly key: Buffer;

  constructor(@InjectConfig() private readonly config: ChatConfig) {
    this.key = purposeKey(config.VISITOR_TOKEN_SECRET, 'attachment-link');
  }

  /** A link that works for ATTACHMENT_URL_TTL_SECONDS, or `ttlSeconds`. */
  link(tenantId: string, id: string, variant: LinkVariant, ttlSeconds?: number): string {
    const expires =
      Math.floor(Date.now() / 1000) + (ttlSeconds ?? this.config.ATTACHMENT_URL_TTL_SECONDS);
    const query = new URLSearchParams({
      tenant: tenantId,
      expires: String(expires),
      signature: this.sign(tenantId, id, variant, expires),
    });
    return `/api/chat/attachments/${encodeURIComponent(id)}/${variant}?${query}`;
  }

  /** A link for the visitor's mailbox: absolute, and long-lived (ATTACHMENT_MAIL_URL_TTL_DAYS). */
  mailLink(tenantId: string, id: string): string {
    const ttl = this.config.ATTACHMENT_MAIL_URL_TTL_DAYS * 86_400;
    return `${this.config.PUBLIC_URL}${this.link(tenantId, id, 'content', ttl)}`;
  }

  /** Whether a link's parameters are genuine and not expired. */
  verify(id: string, variant: LinkVariant, params: LinkParams): boolean {
    const expires = Number(params.expires);
    if (!Number.isInteger(expires) || expires * 1000 < Date.now()) return false;
    const expected = Buffer.from(this.sign(params.tenant, id, variant, expires));
    const given = Buffer.from(params.signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** A stored attachment with fresh links. */
  withLinks(tenantId: string, attachment: StoredAttachment): MessageAttachment {
    const { hasThumbnail, ...shown } = attachment;
    return {
      ...shown,
      url: this.link(tenantId, attachment.id, 'content'),
      ...(hasThumbnail ? { thumbnailUrl: this.link(tenantId, attachment.id, 'thumbnail') } : {}),
    };
  }

  private sign(tenantId: string, id: string, variant: LinkVariant, expires: number): string {
    return createHmac('sha256', this.key)
      .update(`${tenantId}\n${id}\n${variant}\n${expires}`)
      .digest('base64url');
  }
}
