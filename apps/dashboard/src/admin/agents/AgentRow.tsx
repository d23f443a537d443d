import { api } from '../../api/client';
import { Badge } from '../../ui/Badge';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { formatDateTime, formatRelative } from '../../ui/format';
import type { Role } from '../roles/roleTypes';
import { AgentEditor } from './AgentEditor';
import { AgentStatusBadge } from './AgentStatusBadge';
import type { Agent } from './agentTypes';

export const AGENT_COLUMNS = 6;

interface AgentRowProps {
  agent: Agent;
  roles: Role[] | undefined;
  /** The signed-in user's own row. */
  isMe: boolean;
  editing: boolean;
  onEdit(editing: boolean): void;
  onChanged(agent: Agent): void;
  onDeleted(agentId: string): void;
}

/** One agent: who, status, roles, capacity, last sign-in, and what can be done to them. */
export function AgentRow({
  agent,
  roles,
  isMe,
  editing,
  onEdit,
  onChanged,
  onDeleted,
}: AgentRowProps) {
  const path = `/api/tenant/agents/${agent.id}`;
  const setStatus = async (status: 'active' | 'deactivated') =>
    onChanged(await api<Agent>(path, { method: 'PATCH', body: { status } }));
  const remove = async () => {
    await api(path, { method: 'DELETE' });
    onDeleted(agent.id);
  };

  return (
    <>
      <tr>
        <th scope="row">
          <div className="cell-title">
            {agent.name} {isMe && <Badge>You</Badge>}
          </div>
          <div className="cell-sub">{agent.email}</div>
        </th>
        <td>
          <AgentStatusBadge status={agent.status} />
        </td>
        <td>
          <div className="badge-list">
            {agent.roles.map((role) => (
              <Badge key={role} tone={role === 'Admin' ? 'warning' : 'neutral'}>
                {role}
              </Badge>
            ))}
          </div>
        </td>
        <td className="numeric">{agent.maxConcurrentChats}</td>
        <td className="nowrap" title={formatDateTime(agent.lastSignInAt)}>
          {agent.lastSignInAt ? (
            formatRelative(agent.lastSignInAt)
          ) : (
            <span className="muted">Never</span>
          )}
        </td>
        <td className="actions">
          <button
            type="button"
            className="button small"
            aria-expanded={editing}
            aria-label={`Edit ${agent.name}`}
            onClick={() => onEdit(!editing)}
          >
            Edit
          </button>
          {agent.status === 'active' && (
            <ConfirmButton
              label="Deactivate"
              aria-label={`Deactivate ${agent.name}`}
              className="button small"
              title={`Deactivate ${agent.name}?`}
              confirmLabel="Deactivate"
              danger
              onConfirm={() => setStatus('deactivated')}
            >
              They are signed out everywhere at once and cannot sign in until reactivated. Their
              past conversations stay.
            </ConfirmButton>
          )}
          {agent.status === 'deactivated' && (
            <ConfirmButton
              label="Reactivate"
              aria-label={`Reactivate ${agent.name}`}
              className="button small"
              title={`Reactivate ${agent.name}?`}
              confirmLabel="Reactivate"
              onConfirm={() => setStatus('active')}
            >
              They can sign in again with their roles as they were.
            </ConfirmButton>
          )}
          <ConfirmButton
            label="Delete"
            aria-label={`Delete ${agent.name}`}
            className="button small danger-outline"
            title={`Delete ${agent.name}?`}
            confirmLabel="Delete"
            danger
            onConfirm={remove}
          >
            {agent.status === 'invited'
              ? 'The invitation is cancelled: its link stops working.'
              : 'Their account is removed and they are signed out everywhere. This cannot be undone.'}
          </ConfirmButton>
        </td>
      </tr>
      {editing && (
        <tr className="row-editor">
          <td colSpan={AGENT_COLUMNS}>
            <AgentEditor
              agent={agent}
              roles={roles}
              isMe={isMe}
              onSaved={(saved) => {
                onChanged(saved);
                onEdit(false);
              }}
              onCancel={() => onEdit(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
