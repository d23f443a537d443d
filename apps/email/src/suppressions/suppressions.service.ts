import { seal, unseal } from '@app/auth';
import { findOwnById, TenantContext } from '@app/tenancy';
import { InjectConfig } from '@app/config';
import { type NotificationKind, VISITOR_NOTIFICATION_KINDS } from '@app/contracts';
import { insertFirst } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { type EmailConfig } from '../email.config';
import { Suppression, suppressionKey, type SuppressionReason } from './suppression.schema';

export interface UnsubscribeSubject {
  tenantId: string;
  kind: NotificationKind;
  address: string;
}

/**
 * Addresses that get no more mail of a kind from a tenant (they unsubscribed, or bounced hard),
 * and the links that unsubscribe them. A link's token names its tenant, kind and address, sealed
 * (AES-256-GCM) under UNSUBSCRIBE_SEAL_KEY, a key of the email service alone, so nobody can unsubscribe someone else.
 */
@Injectable()
export class SuppressionsService {
  constructor(
    @InjectModel(Suppression.name) private readonly suppressions: Model<Suppression>,
    @InjectConfig() private readonly config: EmailConfig,
  ) {}

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
    const named = [subject.tenantId, subject.kind, subject.address.toLowerCase()];
    return seal(JSON.stringify(named), this.config.UNSUBSCRIBE_SEAL_KEY, 'unsubscribe');
  }

  /** The subject of a genuine token, or null (sealing makes a changed token fail to open). */
  verify(token: string): UnsubscribeSubject | null {
    try {
      const [tenantId, kind, address] = JSON.parse(
        unseal(token, this.config.UNSUBSCRIBE_SEAL_KEY, 'unsubscribe'),
      ) as [string, NotificationKind, string];
      return { tenantId, kind, address };
    } catch {
      return null;
    }
  }
}
