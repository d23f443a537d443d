import { ErrorMessage } from '../ui/ErrorMessage';
import { useInbox } from './InboxProvider';
import { AGENT_STATUS_LABELS, type AgentStatus, useAgentStatus } from './useAgentStatus';

const CHOICES: AgentStatus[] = ['available', 'busy', 'away'];

/**
 * The agent's status at the top of the inbox: available (takes new chats), busy (keeps their
 * chats, no new ones) or away. Offline while the inbox is not connected.
 */
export function AgentStatusPicker() {
  const { status, choose, error } = useAgentStatus();
  const { connection } = useInbox();
  const connected = connection === 'connected';
  const shown = !connected ? 'offline' : (status ?? 'connecting');
  return (
    <div className="inbox-status">
      <span className={`inbox-status-picker is-${shown}`}>
        <span className="inbox-status-dot" aria-hidden="true" />
        <select
          aria-label="Your status"
          value={status ?? ''}
          disabled={status === null || !connected}
          onChange={(event) => void choose(event.target.value as AgentStatus)}
        >
          {status === null || !connected ? (
            <option value="">{connected ? 'Connecting…' : 'Offline'}</option>
          ) : null}
          {CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {AGENT_STATUS_LABELS[choice]}
            </option>
          ))}
        </select>
      </span>
      <ErrorMessage error={error} />
    </div>
  );
}
