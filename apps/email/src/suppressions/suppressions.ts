import { findOwnById, TenantContext } from '@app/auth';
import { InjectConfig } from '@app/config';
import { type NotificationKind, VISITOR_NOTIFICATION_KINDS } from '@app/contracts';
import { insertFirst } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type EmailConfig } from '../email.config';
import { Suppression, suppressionKey, type SuppressionReason } from './suppression.schema';

export interface UnsubscribeSubject {
  tenantId: string;
  kind: NotificationKind;
  address: string;
}

/**
 * Addresses that get no more mail of a kind from a tenant (they unsubscribed, or bounced hard),
 * and the signed links that unsubscribe them. A link names its tenant, kind and address and is
 * signed with a key derived from NOTIFICATION_SEAL_KEY, so nobody can unsubscribe someone else.
 */
@Injectable()
export class Suppressions {
  private readonly signingKey: Buffer;

  constructor(
    @InjectModel(Suppression.name) private readonly suppressions: Model<Suppression>,
    @InjectConfig() private readonly config: EmailConfig,
  ) {
    this.signingKey = createHmac('sha256', config.NOTIFICATION_SEAL_KEY)
      .update('parley-unsubscribe')
      .digest();
  }

  /** Why the address gets no more mail of this kind from the tenant in context, if it doesn't. */
  async reasonFor(kind: NotificationKind, address: string) {
    const key = suppressionKey(TenantContext.current(), kind, address);
    const found = await findOwnById(this.suppressions, key);
    return found?.reason ?? null;
  }

  async suppress(
    subject: UnsubscribeSubject,
    reason: SuppressionReason,
    detail: string | null = null,
  ): Promise<void> {
    // Already suppressed: the first reason stays.
    await insertFirst(this.suppressions, {
      _id: suppressionKey(subject.tenantId, subject.kind, subject.address),
      address: subject.address.toLowerCase(),
      kind: subject.kind,
      reason,
      detail,
      at: new Date(),
    });
  }

  /**
   * Lifts a hard-bounce suppression (an admin retried a mail the server refused: the address
   * works again). An unsubscription is the recipient's choice and stays.
   */
  async liftHardBounce(kind: NotificationKind, address: string): Promise<void> {
    const key = suppressionKey(TenantContext.current(), kind, address);
    const found = await findOwnById(this.suppressions, key);
    if (found?.reason === 'hard-bounce') await this.suppressions.deleteOne({ _id: key });
  }

  /** The unsubscribe link of a mail to a visitor; other kinds (sign-in, invites) have none. */
  unsubscribeUrl(subject: UnsubscribeSubject): string | null {
    if (!(VISITOR_NOTIFICATION_KINDS as readonly string[]).includes(subject.kind)) return null;
    return `${this.config.PUBLIC_URL}/api/email/unsubscribe?token=${this.token(subject)}`;
  }

  token(subject: UnsubscribeSubject): string {
    const body = Buffer.from(
      JSON.stringify([subject.tenantId, subject.kind, subject.address.toLowerCase()]),
    ).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The subject of a genuine token, or null. */
  verify(token: string): UnsubscribeSubject | null {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const [tenantId, kind, address] = JSON.parse(
        Buffer.from(body, 'base64url').toString('utf8'),
      ) as [string, NotificationKind, string];
      return { tenantId, kind, address };
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.signingKey).update(body).digest('base64url');
  }
}
