import type { RoomSummary } from '@app/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { RequirePermission } from '../layout/RequirePermission';
import { DataTable } from '../ui/DataTable';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { useInterval } from '../ui/useInterval';
import type { OnlineAgent } from '../inbox/chat-api';
import { RoomLabels } from '../inbox/RoomLabels';
import { useRouting } from '../inbox/useRouting';
import { ReassignControls } from './ReassignControls';

const REFRESH_MS = 5000;

/** Every open conversation in every queue, for supervisors: reassign, or return to the queue. */
export function SupervisionPage() {
  return (
    <RequirePermission permission="chats:supervise">
      <Supervision />
    </RequirePermission>
  );
}

function Supervision() {
  const [teamId, setTeamId] = useState('');
  const routing = useRouting();
  const open = useApi<{ rooms: RoomSummary[] }>(
    '/api/chat/rooms/open',
    teamId ? { teamId } : undefined,
  );
  const online = useApi<{ agents: OnlineAgent[] }>('/api/chat/agents/online');
  useInterval(open.reload, REFRESH_MS);

  return (
    <>
      <PageHeader
        title="Supervision"
        description="Every open conversation, waiting or taken, in every team's queue."
      />
      {routing.teams.length > 0 && (
        <label className="inbox-filter">
          <span className="sr-only">Team</span>
          <select
            className="input"
            aria-label="Team"
            value={teamId}
            onChange={(event) => setTeamId(event.target.value)}
          >
            <option value="">Every team</option>
            <option value="none">No team</option>
            {routing.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <Loaded resource={open} loadingLabel="Loading conversations…">
        {({ rooms }) =>
          rooms.length === 0 ? (
            <p className="inbox-empty">No conversation is open.</p>
          ) : (
            <DataTable
              label="Open conversations"
              columns={['Conversation', 'Status', 'Agent', 'Labels', { actions: true }]}
            >
              {rooms.map((room) => (
                <tr key={room.roomId} data-room-id={room.roomId}>
                  <td>
                    <Link to={`/inbox/${room.roomId}`}>
                      #{room.displayId} {room.visitor.name || 'Visitor'}
                    </Link>
                  </td>
                  <td>{room.status === 'queued' ? 'Waiting' : 'Taken'}</td>
                  <td>{room.agent?.name ?? '—'}</td>
                  <td>
                    <RoomLabels room={room} routing={routing} />
                  </td>
                  <td className="actions">
                    <ReassignControls
                      room={room}
                      agents={online.data?.agents ?? []}
                      teams={routing.teams}
                      onMoved={open.reload}
                    />
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>
    </>
  );
}
