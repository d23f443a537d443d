/** Why a conversation ended, as the read-only view says it. */
const CLOSE_REASONS: Record<string, string> = {
  resolved: 'Resolved',
  stale: 'Marked stale',
  blocked: 'Visitor blocked',
  abandoned: 'The visitor left and did not come back',
};

export function describeCloseReason(reason: string | null | undefined): string {
  if (!reason) return 'Closed';
  return CLOSE_REASONS[reason] ?? reason;
}
