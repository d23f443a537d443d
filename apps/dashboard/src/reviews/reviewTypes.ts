import {
  type Jsonified,
  type ReviewInvitationDay,
  type ReviewInvitationStatus,
  type ReviewInvitationView,
  type ReviewSkipReason,
  type TrustpilotConnectionAnswer,
  type TrustpilotConnectionView,
} from '@app/contracts';

export type ReviewInvitation = Jsonified<ReviewInvitationView>;
export type TrustpilotConnection = Jsonified<TrustpilotConnectionView>;
export type ConnectionAnswer = Jsonified<TrustpilotConnectionAnswer>;
export type InvitationDay = ReviewInvitationDay;
export type InvitationStatus = ReviewInvitationStatus;

export const TRUSTPILOT_PATH = '/api/integrations/trustpilot';
export const INVITATIONS_PATH = `${TRUSTPILOT_PATH}/invitations`;

export const STATUS_LABELS: Record<InvitationStatus, string> = {
  waiting_rating: 'Waiting for a rating',
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
};

export const SKIP_REASON_LABELS: Record<ReviewSkipReason, string> = {
  rated_below_4: 'Rated below 4',
  not_rated: 'Not rated',
  no_email: 'No email address',
  visitor_unknown: 'Visitor unknown (began before Trustpilot was connected)',
  disconnected: 'Trustpilot was disconnected',
};
