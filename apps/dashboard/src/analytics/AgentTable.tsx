import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { formatDuration, formatNumber } from '../ui/format';
import type { AgentReportRow } from '@app/contracts';

/** Each agent's work in the range, most messages first. */
export function AgentTable({ agents }: { agents: AgentReportRow[] }) {
  if (agents.length === 0) return <EmptyState title="No agent activity in this range" />;
  return (
    <DataTable
      label="Agents' performance"
      columns={[
        'Agent',
        ...['Messages', 'Assigned', 'Resolved', 'First response p50', 'First response p90'].map(
          (label) => ({ label, numeric: true }),
        ),
      ]}
    >
      {agents.map((agent) => (
        <tr key={agent.agentId}>
          <th scope="row">
            <span className={agent.online ? 'status-dot up' : 'status-dot'} aria-hidden="true" />{' '}
            {agent.name ?? <span className="muted">Deleted agent</span>}
            <span className="sr-only">{agent.online ? ' (online)' : ' (offline)'}</span>
          </th>
          <td className="numeric">{formatNumber(agent.messages)}</td>
          <td className="numeric">{formatNumber(agent.assigned)}</td>
          <td className="numeric">{formatNumber(agent.resolved)}</td>
          <td className="numeric">{formatDuration(agent.firstResponseSeconds.p50)}</td>
          <td className="numeric">{formatDuration(agent.firstResponseSeconds.p90)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
