import { type NotificationState } from '@app/contracts';

/**
 * The sending rules that need no I/O: whether a notification is too old to send, whether another
 * sender holds it, when a failed attempt is retried, and when a claim counts as abandoned.
 */

const HOUR_MS = 3_600_000;

/**
 * Why a notification requested at `occurredAt` is too old to send at `now`, or null: a new
 * consumer group reading history, or a long outage, must not mail people days-old links.
 */
export function expiryReason(occurredAt: string, now: number, maxAgeHours: number): string | null {
  const hoursOld = (now - Date.parse(occurredAt)) / HOUR_MS;
  return hoursOld > maxAgeHours
    ? `expired: requested ${Math.floor(hoursOld)} hours ago, more than EMAIL_MAX_AGE_HOURS (${maxAgeHours})`
    : null;
}

/** The domain of `Message-ID`s: the sender address's, so they look like the mail's own. */
export function messageDomainOf(mailFrom: string): string {
  return /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'parley.local';
}

/** True while another sender is at it and not overdue (past the timeout, its process died). */
export function heldByAnotherSender(
  notification: { state: NotificationState; lastAttemptAt: Date | null },
  now: number,
  sendingTimeoutMs: number,
): boolean {
  const lastTry = notification.lastAttemptAt?.getTime() ?? 0;
  return notification.state === 'sending' && now - lastTry < sendingTimeoutMs;
}

/**
 * True when an attempt claimed at `claimedAt` and still not recorded was abandoned: its sender
 * died between the claim and the record, before sending (the mail goes only after the record).
 */
export function claimAbandoned(claimedAt: Date | null, now: number, sendingTimeoutMs: number) {
  return claimedAt !== null && now - claimedAt.getTime() >= sendingTimeoutMs;
}

/** What follows a failed attempt: giving up, or trying again at `dueAt`. */
export type AfterFailure = { giveUp: true } | { giveUp: false; dueAt: Date };

/**
 * A permanent failure is given up at once; a temporary one waits the next of the retry delays,
 * one retry per delay, counted from the last retry by hand (`retriedAfter` attempts).
 */
export function afterFailure(
  failed: { attempt: number; retriedAfter: number; permanent: boolean },
  retryDelaysMs: readonly number[],
  now: number,
): AfterFailure {
  const retriesUsed = failed.attempt - 1 - failed.retriedAfter;
  if (failed.permanent || retriesUsed >= retryDelaysMs.length) return { giveUp: true };
  return { giveUp: false, dueAt: new Date(now + retryDelaysMs[retriesUsed]) };
}
