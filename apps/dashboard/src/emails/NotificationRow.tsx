import { useCallback } from 'react';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDateTime, formatRelative } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { NotificationStateBadge } from './NotificationStateBadge';
import { KIND_LABELS, type Notification } from './notificationTypes';

/** One email: what, to whom, how it went; a dead one can be sent again. */
export function NotificationRow({
  notification,
  onChange,
}: {
  notification: Notification;
  onChange(notification: Notification): void;
}) {
  const path = `/api/email/notifications/${notification.id}`;
  const retry = useSubmit(
    useCallback(async () => {
      await api(`${path}/retry`, { method: 'POST' });
      onChange(await api<Notification>(path));
    }, [path, onChange]),
  );

  return (
    <tr>
      <th scope="row">
        <div className="cell-title">{KIND_LABELS[notification.kind] ?? notification.kind}</div>
        <div className="cell-sub" title={formatDateTime(notification.createdAt)}>
          Created {formatRelative(notification.createdAt)}
        </div>
      </th>
      <td className="wrap-anywhere">{notification.recipient}</td>
      <td>
        <NotificationStateBadge state={notification.state} />
      </td>
      <td className="numeric">{notification.attempts}</td>
      <td className="last-error">
        {notification.lastError ? (
          <span className="cell-sub">{notification.lastError}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="nowrap cell-sub">
        <Times notification={notification} />
      </td>
      <td className="actions">
        {notification.state === 'dead' && (
          <button
            type="button"
            className="button small"
            onClick={() => void retry.run()}
            disabled={retry.sending}
            aria-label={`Retry the ${KIND_LABELS[notification.kind] ?? notification.kind} email to ${notification.recipient}`}
          >
            {retry.sending ? 'Retrying…' : 'Retry'}
          </button>
        )}
        <ErrorMessage error={retry.error} />
      </td>
    </tr>
  );
}

/** The times that matter for the state: when it was sent, or when it was tried and will be again. */
function Times({ notification }: { notification: Notification }) {
  const lines: [string, string | null][] = [
    ['Sent', notification.sentAt],
    ['Last try', notification.sentAt ? null : notification.lastAttemptAt],
    [
      'Next try',
      notification.state === 'failed' || notification.state === 'queued'
        ? notification.nextAttemptAt
        : null,
    ],
  ];
  const shown = lines.filter(([, at]) => at);
  if (shown.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {shown.map(([label, at]) => (
        <div key={label} title={formatDateTime(at)}>
          {label} {formatRelative(at)}
        </div>
      ))}
    </>
  );
}
