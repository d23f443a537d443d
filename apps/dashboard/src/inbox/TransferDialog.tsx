import { useEffect, useId, useRef, useState } from 'react';
import { useMe } from '../auth/SessionProvider';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { AGENT_STATUS_LABELS } from './useAgentStatus';
import { fetchOnlineAgents, type OnlineAgent } from './chat-api';
import { useRouting } from './useRouting';

type TransferTarget = { agentId: string } | { teamId: string };

interface TransferDialogProps {
  visitorName: string;
  onTransfer(to: TransferTarget): Promise<void>;
  onClose(): void;
}

/**
 * Hands the chat to a colleague who is connected now (online or away), never to oneself, or
 * back to the queue of a team, whose members take it from there.
 */
export function TransferDialog({ visitorName, onTransfer, onClose }: TransferDialogProps) {
  const { user } = useMe();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [agents, setAgents] = useState<OnlineAgent[] | null>(null);
  const { teams } = useRouting();
  const [chosen, setChosen] = useState<TransferTarget | null>(null);
  const isChosen = (target: TransferTarget) => JSON.stringify(chosen) === JSON.stringify(target);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    dialog.current?.showModal();
    let current = true;
    fetchOnlineAgents().then(
      (online) => current && setAgents(online.filter((agent) => agent.id !== user.id)),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [user.id]);

  const transfer = async () => {
    if (!chosen) return;
    setSending(true);
    setError(null);
    try {
      await onTransfer(chosen);
      onClose();
    } catch (failure) {
      setError(failure);
      setSending(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog inbox-transfer"
      aria-labelledby={titleId}
      onClose={onClose}
    >
      <h2 id={titleId}>Transfer the chat with {visitorName}</h2>
      <div className="dialog-body">
        {agents === null && !error ? (
          <Loading label="Finding colleagues online…" />
        ) : agents && agents.length === 0 ? (
          <p>No other agent is connected right now.</p>
        ) : (
          <fieldset className="inbox-agent-choices">
            <legend className="sr-only">Agent</legend>
            {agents?.map((agent) => (
              <label key={agent.id} className="inbox-agent-choice">
                <input
                  type="radio"
                  name="agent"
                  value={agent.id}
                  checked={isChosen({ agentId: agent.id })}
                  onChange={() => setChosen({ agentId: agent.id })}
                />
                <span className="inbox-agent-name">{agent.name}</span>
                <span className={`inbox-presence inbox-presence-${agent.status}`}>
                  {AGENT_STATUS_LABELS[agent.status]}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {teams.length > 0 && (
          <fieldset className="inbox-agent-choices">
            <legend>Or a team’s queue</legend>
            {teams.map((team) => (
              <label key={team.id} className="inbox-agent-choice">
                <input
                  type="radio"
                  name="agent"
                  value={team.id}
                  checked={isChosen({ teamId: team.id })}
                  onChange={() => setChosen({ teamId: team.id })}
                />
                <span className="inbox-agent-name">{team.name}</span>
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <ErrorMessage error={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!chosen || sending}
          onClick={() => void transfer()}
        >
          {sending ? 'Transferring…' : 'Transfer'}
        </button>
      </div>
    </dialog>
  );
}
