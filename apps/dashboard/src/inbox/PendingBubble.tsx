import type { PendingSend } from './pending-sends';

interface PendingBubbleProps {
  send: PendingSend;
  connected: boolean;
  onRetry(): void;
  onEdit(): void;
}

/** A message not acknowledged yet: on its way, waiting for the connection, or refused. */
export function PendingBubble({ send, connected, onRetry, onEdit }: PendingBubbleProps) {
  const failed = send.state === 'failed';
  return (
    <div
      className={`inbox-message inbox-message-agent inbox-message-pending${failed ? ' is-failed' : ''}`}
      data-client-message-id={send.clientMessageId}
      data-state={send.state}
    >
      <div className="inbox-bubble">{send.body}</div>
      <div className="inbox-message-meta">
        {failed ? (
          <>
            <span className="inbox-send-error" role="alert">
              Not sent: {send.error}
            </span>{' '}
            <button type="button" className="inbox-link-button" onClick={onRetry}>
              Retry
            </button>{' '}
            <button type="button" className="inbox-link-button" onClick={onEdit}>
              Edit
            </button>
          </>
        ) : connected ? (
          'Sending…'
        ) : (
          'Waiting for the connection…'
        )}
      </div>
    </div>
  );
}
