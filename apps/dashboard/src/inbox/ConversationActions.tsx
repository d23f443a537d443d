import { useState } from 'react';
import { useSession } from '../auth/SessionProvider';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorMessage } from '../ui/ErrorMessage';
import type { CloseReason } from './inbox-actions';
import { useInbox } from './InboxProvider';
import { TransferDialog } from './TransferDialog';

interface ConversationActionsProps {
  roomId: string;
  visitorName: string;
  visitorEmail: string;
}

/** What the agent can do with their own chat: close it, hand it on, or put it back. */
export function ConversationActions({
  roomId,
  visitorName,
  visitorEmail,
}: ConversationActionsProps) {
  const { actions } = useInbox();
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [transferring, setTransferring] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const close = (reason: CloseReason) => run(() => actions.close(roomId, reason));

  return (
    <div className="inbox-actions">
      <div className="inbox-actions-buttons" role="group" aria-label="Conversation actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void close('resolved')}
          title="Close the conversation as resolved"
        >
          Resolve
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void close('stale')}
          title="Close the conversation as stale: the visitor stopped answering"
        >
          Mark stale
        </button>
        {can('chats:transfer') && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => setTransferring(true)}
          >
            Transfer
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run(() => actions.leave(roomId))}
          title="Put the chat back in the queue for another agent"
        >
          Return to queue
        </button>
        {can('chats:block') && (
          <ConfirmButton
            label="Block visitor"
            title={`Block ${visitorName}?`}
            confirmLabel="Block visitor"
            danger
            className="button danger-outline"
            disabled={busy}
            onConfirm={() => actions.close(roomId, 'blocked')}
          >
            <p>
              The conversation closes, and {visitorEmail || 'this visitor'} cannot start a new chat
              from this email address or network address.
            </p>
          </ConfirmButton>
        )}
      </div>
      <ErrorMessage error={error} />
      {transferring && (
        <TransferDialog
          visitorName={visitorName}
          onTransfer={async (to) => {
            await actions.transfer(roomId, to);
          }}
          onClose={() => setTransferring(false)}
        />
      )}
    </div>
  );
}
