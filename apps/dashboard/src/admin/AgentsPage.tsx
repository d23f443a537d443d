import { useCallback, useState } from 'react';
import { useMe, useSession } from '../auth/SessionProvider';
import { RequirePermission } from '../layout/RequirePermission';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { AgentRow } from './agents/AgentRow';
import type { Agent } from './agents/agentTypes';
import { InviteAgentForm } from './agents/InviteAgentForm';
import type { Role } from './roles/roleTypes';

/** The workspace's people: invitations, roles, capacity, deactivation. */
export function AgentsPage() {
  return (
    <RequirePermission permission="agents:manage">
      <Agents />
    </RequirePermission>
  );
}

function Agents() {
  const { can, reloadMe } = useSession();
  const me = useMe();
  const agents = useApi<{ agents: Agent[] }>('/api/tenant/agents');
  // Listing roles needs roles:manage; without it, agents keep the roles they have.
  const roles = useApi<{ roles: Role[] }>(can('roles:manage') ? '/api/tenant/roles' : null);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [invited, setInvited] = useState<Agent>();
  const { setData } = agents;

  const replace = useCallback(
    (agent: Agent) => {
      setData(
        (answer) =>
          answer && {
            agents: answer.agents.map((other) => (other.id === agent.id ? agent : other)),
          },
      );
      if (agent.id === me.user.id) void reloadMe();
    },
    [setData, me.user.id, reloadMe],
  );

  const onInvited = useCallback(
    (agent: Agent) => {
      setData((answer) => answer && { agents: [...answer.agents, agent] });
      setInvited(agent);
      setInviting(false);
    },
    [setData],
  );

  const onDeleted = (agentId: string) =>
    setData(
      (answer) => answer && { agents: answer.agents.filter((agent) => agent.id !== agentId) },
    );

  return (
    <>
      <PageHeader
        title="Agents"
        description="Everyone who can sign in to this workspace, and what they may do."
        actions={
          !inviting && (
            <button
              type="button"
              className="button primary"
              onClick={() => {
                setInviting(true);
                setInvited(undefined);
              }}
            >
              Invite agent
            </button>
          )
        }
      />
      <div className="stack">
        {invited && (
          <p className="alert alert-success" role="status">
            Invitation sent to <strong>{invited.email}</strong>. The link in it works for 7 days.
          </p>
        )}
        {inviting && (
          <Card
            title="Invite an agent"
            description="They get an email with a link to set a password or use Google."
          >
            <InviteAgentForm
              roles={roles.data?.roles}
              onInvited={onInvited}
              onCancel={() => setInviting(false)}
            />
          </Card>
        )}
        <Loaded resource={agents} loadingLabel="Loading agents…">
          {({ agents: list }) =>
            list.length === 0 ? (
              <div className="card">
                <EmptyState title="No agents yet">Invite your team to answer chats.</EmptyState>
              </div>
            ) : (
              <DataTable
                label="Agents"
                columns={[
                  'Agent',
                  'Status',
                  'Roles',
                  { label: 'Max chats', numeric: true },
                  'Last sign-in',
                  { actions: true },
                ]}
              >
                {list.map((agent) => (
                  <AgentRow
                    key={agent.id}
                    agent={agent}
                    roles={roles.data?.roles}
                    isMe={agent.id === me.user.id}
                    editing={editing === agent.id}
                    onEdit={(open) => setEditing(open ? agent.id : undefined)}
                    onChanged={replace}
                    onDeleted={onDeleted}
                  />
                ))}
              </DataTable>
            )
          }
        </Loaded>
      </div>
    </>
  );
}
