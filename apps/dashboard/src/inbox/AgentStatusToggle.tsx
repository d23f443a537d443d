import { ErrorMessage } from '../ui/ErrorMessage';
import { useInbox } from './InboxProvider';
import { useAgentStatus } from './useAgentStatus';

/** Online (taking chats) or away: a switch at the top of the inbox. */
export function AgentStatusToggle() {
  const { status, choose, error } = useAgentStatus();
  const { connection } = useInbox();
  const connected = connection === 'connected';
  const online = connected && status === 'online';
  return (
    <div className="inbox-status">
      <button
        type="button"
        role="switch"
        aria-checked={online}
        aria-label="Available for chats"
        className={`inbox-status-switch ${online ? 'is-online' : 'is-away'}`}
        disabled={status === null || !connected}
        onClick={() => void choose(online ? 'away' : 'online')}
      >
        <span className="inbox-status-dot" aria-hidden="true" />
        {!connected ? 'Offline' : status === null ? 'Connecting…' : online ? 'Online' : 'Away'}
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
