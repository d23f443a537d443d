/**
 * Review invitations through Trustpilot (`/api/integrations/trustpilot`): the connection as the
 * API shows it (never its credentials), the invitation log and its counts per day.
 */

export const TRUSTPILOT_LIMITS = {
  /** Trustpilot's ids (business unit, business user, template) are 24 hex characters; allow room. */
  idLength: 64,
  credentialLength: 200,
  senderNameLength: 100,
  emailLength: 254,
  /** Days `GET /trustpilot/stats` can count back. */
  statsDays: 90,
} as const;

/**
 * - `waiting_rating`: closed as resolved, waiting for a rating of 4 or 5 (the rating switch is on);
 * - `pending`: to be sent (now, or at `nextAttemptAt` after a failure);
 * - `sent`: Trustpilot accepted it;
 * - `failed`: parked after its retries (or refused for good): the retry action sends it again;
 * - `skipped`: never sent, `skipReason` says why.
 */
export const REVIEW_INVITATION_STATUSES = [
  'waiting_rating',
  'pending',
  'sent',
  'failed',
  'skipped',
] as const;
export type ReviewInvitationStatus = (typeof REVIEW_INVITATION_STATUSES)[number];

/**
 * Why an invitation was not sent: rated 1 to 3 (rating switch on), not rated in time, no email
 * to invite, the visitor unknown (the conversation began before Trustpilot was connected), or
 * Trustpilot disconnected before it went out.
 */
export const REVIEW_SKIP_REASONS = [
  'rated_below_4',
  'not_rated',
  'no_email',
  'visitor_unknown',
  'disconnected',
] as const;
export type ReviewSkipReason = (typeof REVIEW_SKIP_REASONS)[number];

/** What closed the conversation: Parley (closed as resolved) or a bridged Intercom admin. */
export type ReviewInvitationSource = 'parley' | 'intercom';

/** One conversation's invitation, as the log shows it. */
export interface ReviewInvitationView {
  id: string;
  /** The Parley room id, or `intercom:<conversation id>` for a conversation only in Intercom. */
  conversationId: string;
  source: ReviewInvitationSource;
  status: ReviewInvitationStatus;
  skipReason: ReviewSkipReason | null;
  /** The visitor's email, masked (`a•••@example.com`); null when there was none. */
  recipient: string | null;
  /** The conversation's rating (1 to 5) when Parley knows one. */
  rating: number | null;
  attempts: number;
  /** The last attempt's trouble, e.g. `HTTP 503 from Trustpilot` (null: none). */
  lastError: string | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReviewInvitationsPage {
  invitations: ReviewInvitationView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Invitations settled on a UTC day, by outcome. */
export interface ReviewInvitationDay {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  sent: number;
  failed: number;
  skipped: number;
}

export interface ReviewInvitationStats {
  days: ReviewInvitationDay[];
}

/** How the connection to Trustpilot fares: its last success and last error, and the token. */
export interface TrustpilotHealthView {
  /** `ok`: the last call succeeded; `failing`: the last call failed; `unknown`: none yet. */
  status: 'ok' | 'failing' | 'unknown';
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  /** When the cached access token expires (it is renewed before). */
  tokenExpiresAt: Date | null;
}

/** The workspace's Trustpilot connection, without its API key and secret. */
export interface TrustpilotConnectionView {
  businessUnitId: string;
  /** Sent as `x-business-user-id` (a business user with the Admin or Manager role), if set. */
  businessUserId: string | null;
  senderName: string | null;
  senderEmail: string | null;
  replyTo: string | null;
  templateId: string | null;
  locale: string | null;
  /** Invite only once the conversation is rated 4 or 5. */
  onlyRatedFourOrFive: boolean;
  enabled: boolean;
  health: TrustpilotHealthView;
  createdAt: Date;
  updatedAt: Date;
}

/** `GET /api/integrations/trustpilot`: null when Trustpilot is not connected. */
export interface TrustpilotConnectionAnswer {
  connection: TrustpilotConnectionView | null;
}
