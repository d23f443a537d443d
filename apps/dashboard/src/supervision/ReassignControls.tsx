import type { RoomSummary } from '@app/contracts';
import { useState } from 'react';
import { api } from '../api/client';
import type { OnlineAgent } from '../inbox/chat-api';
import type { TeamInfo } from '../inbox/useRouting';
import { ErrorMessage } from '../ui/ErrorMessage';

/** A supervisor's moves for one room: to an agent or a team's queue, or back to the queue. */
export function ReassignControls({
  room,
  agents,
  teams,
  onMoved,
}: {
  room: RoomSummary;
  agents: OnlineAgent[];
  teams: TeamInfo[];
  onMoved(): void;
}) {
  const [target, setTarget] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = room.visitor.name || 'Visitor';

  const move = async (body: object) => {
    setSending(true);
    setError(null);
    try {
      await api(`/api/chat/rooms/${room.roomId}/reassign`, { method: 'POST', body });
      setTarget('');
      onMoved();
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };
  const [kind, id] = target.split(':');

  return (
    <div className="supervision-actions">
      <select
        className="input"
        aria-label={`Reassign the chat with ${name}`}
        value={target}
        onChange={(event) => setTarget(event.target.value)}
      >
        <option value="">Reassign to…</option>
        {agents
          .filter((agent) => agent.id !== room.agent?.id)
          .map((agent) => (
            <option key={agent.id} value={`agent:${agent.id}`}>
              {agent.name}
            </option>
          ))}
        {teams.map((team) => (
          <option key={team.id} value={`team:${team.id}`}>
            {team.name}’s queue
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button small"
        disabled={!target || sending}
        onClick={() => void move(kind === 'agent' ? { agentId: id } : { teamId: id })}
      >
        Reassign
      </button>
      <button
        type="button"
        className="button small"
        disabled={sending || (room.status === 'queued' && room.teamId === null)}
        aria-label={`Return the chat with ${name} to the queue`}
        onClick={() => void move({ toQueue: true })}
      >
        Return to queue
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
