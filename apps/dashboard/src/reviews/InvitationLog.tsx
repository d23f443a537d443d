import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { Badge, type BadgeTone } from '../ui/Badge';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { filterOptions } from '../ui/filterOptions';
import { formatDateTime } from '../ui/format';
import { PagedTable } from '../ui/PagedTable';
import { useCursorPages } from '../ui/useCursorPages';
import { useInterval } from '../ui/useInterval';
import { useSubmit } from '../ui/useSubmit';
import {
  INVITATIONS_PATH,
  type InvitationStatus,
  type ReviewInvitation,
  SKIP_REASON_LABELS,
  STATUS_LABELS,
} from './reviewTypes';

const TONES: Record<InvitationStatus, BadgeTone> = {
  waiting_rating: 'neutral',
  pending: 'info',
  sent: 'success',
  failed: 'danger',
  skipped: 'warning',
};

/** The invitation log, newest first, refreshed every few seconds; a failed one can be retried. */
export function InvitationLog({ onRetried }: { onRetried(): void }) {
  const [status, setStatus] = useState<InvitationStatus | ''>('');
  const query = useMemo(() => ({ status, limit: 25 }), [status]);
  const pages = useCursorPages<'invitations', ReviewInvitation>(
    INVITATIONS_PATH,
    'invitations',
    query,
  );
  const { refresh } = pages;
  useInterval(refresh, 3000);
  const retry = useSubmit(async (id: string) => {
    await api(`${INVITATIONS_PATH}/${id}/retry`, { method: 'POST' });
    refresh();
    onRetried();
  });

  return (
    <Card
      title="Invitations"
      description="One per conversation closed as resolved (or closed in Intercom): sent, failed, or skipped and why."
    >
      <div className="toolbar">
        <SelectField
          label="Status"
          value={status}
          onChange={(value) => setStatus(value as InvitationStatus | '')}
          options={filterOptions('Any status', STATUS_LABELS)}
        />
      </div>
      <ErrorMessage error={retry.error} />
      <PagedTable
        pages={pages}
        label="Invitations"
        loadingLabel="Loading invitations…"
        columns={['Conversation', 'Recipient', 'Status', 'Attempts', 'Details', { actions: true }]}
        empty={
          <EmptyState title="No invitations yet">
            A conversation closed as resolved appears here once Trustpilot is connected.
          </EmptyState>
        }
      >
        {(invitation) => (
          <tr key={invitation.id} data-testid="invitation-row">
            <td>
              <code>{invitation.conversationId}</code>
              <div className="muted">
                {invitation.source === 'intercom' ? 'Intercom · ' : ''}
                {formatDateTime(invitation.createdAt)}
              </div>
            </td>
            <td>{invitation.recipient ?? '—'}</td>
            <td>
              <Badge tone={TONES[invitation.status]}>{STATUS_LABELS[invitation.status]}</Badge>
            </td>
            <td>{invitation.attempts}</td>
            <td>
              {invitation.skipReason
                ? SKIP_REASON_LABELS[invitation.skipReason]
                : invitation.status === 'sent'
                  ? `Sent ${formatDateTime(invitation.sentAt)}`
                  : (invitation.lastError ?? '—')}
              {invitation.rating !== null && (
                <div className="muted">Rated {invitation.rating} of 5</div>
              )}
              {invitation.status === 'pending' && invitation.nextAttemptAt && (
                <div className="muted">Next attempt {formatDateTime(invitation.nextAttemptAt)}</div>
              )}
            </td>
            <td className="actions">
              {invitation.status === 'failed' && (
                <button
                  type="button"
                  className="button small"
                  disabled={retry.sending}
                  aria-label={`Retry the invitation for ${invitation.conversationId}`}
                  onClick={() => void retry.run(invitation.id)}
                >
                  Retry
                </button>
              )}
            </td>
          </tr>
        )}
      </PagedTable>
    </Card>
  );
}
