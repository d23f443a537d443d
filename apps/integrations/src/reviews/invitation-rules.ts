import { type ReviewInvitationStatus, type ReviewSkipReason } from '@app/contracts';
import { createHash } from 'node:crypto';
import { type Consumer } from './review-invitation.schema';

/**
 * The conversation an invitation is for: the Parley room when there is one (so a bridged
 * conversation closed in Parley and in Intercom is one conversation), the Intercom one otherwise.
 */
export const conversationIdOf = (roomId: string | null, intercomConversationId: string): string =>
  roomId ?? `intercom:${intercomConversationId}`;

/**
 * The invitation's `_id`: the same for the same conversation of the same tenant, whoever computes
 * it (Intercom's conversation ids are only unique within an Intercom workspace).
 */
export const invitationId = (tenantId: string, conversationId: string): string =>
  createHash('sha256').update(`${tenantId}\n${conversationId}`).digest('hex').slice(0, 32);

/** `ana@example.com` → `a•••@example.com`: enough to recognise, not to write to. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/** A rating that earns an invitation when only those are invited. */
export const isGoodRating = (rating: number): boolean => rating >= 4;

export interface Decision {
  status: Extract<ReviewInvitationStatus, 'pending' | 'waiting_rating' | 'skipped'>;
  skipReason: ReviewSkipReason | null;
}

/**
 * What a resolved close makes of the invitation: skipped when there is nobody to invite, or when
 * only good ratings are invited and the rating is not good (or cannot come: a conversation only
 * in Intercom has no Parley rating); otherwise sent now, or once a rating comes.
 */
export function decideOnClose(input: {
  consumer: Consumer | null;
  visitorKnown: boolean;
  onlyRatedFourOrFive: boolean;
  rateable: boolean;
  rating: number | null;
}): Decision {
  if (!input.visitorKnown) return { status: 'skipped', skipReason: 'visitor_unknown' };
  if (!input.consumer?.email) return { status: 'skipped', skipReason: 'no_email' };
  if (!input.onlyRatedFourOrFive) return { status: 'pending', skipReason: null };
  if (input.rating !== null)
    return isGoodRating(input.rating)
      ? { status: 'pending', skipReason: null }
      : { status: 'skipped', skipReason: 'rated_below_4' };
  if (!input.rateable) return { status: 'skipped', skipReason: 'not_rated' };
  return { status: 'waiting_rating', skipReason: null };
}

/**
 * When the attempt after `failures` failures is due, or null when the retries are spent (park
 * it). Trustpilot's 429 may say how long to wait (`Retry-After`): never sooner than that.
 */
export function nextAttemptAfter(
  failures: number,
  delaysMs: readonly number[],
  now: Date,
  retryAfterMs?: number,
): Date | null {
  const delay = delaysMs[failures - 1];
  if (delay === undefined) return null;
  return new Date(now.getTime() + Math.max(delay, retryAfterMs ?? 0));
}
