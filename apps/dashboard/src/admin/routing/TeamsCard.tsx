import { useState } from 'react';
import { api } from '../../api/client';
import { Card } from '../../ui/Card';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import type { Category, Team, TeamDraft } from './routingTypes';
import { TeamForm } from './TeamForm';

const EMPTY: TeamDraft = { name: '', memberIds: [], categoryIds: [], businessHours: null };

/** Teams of agents: each sees its own queue; categories route conversations to it. */
export function TeamsCard({
  teams,
  agents,
  categories,
  onChanged,
}: {
  teams: Team[];
  agents: Array<{ id: string; name: string }>;
  categories: Category[];
  onChanged(teams: Team[]): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const names = (ids: string[], of: Array<{ id: string; name: string }>) =>
    ids.map((id) => of.find((entry) => entry.id === id)?.name ?? 'Former agent').join(', ') || '—';

  const create = async (draft: TeamDraft) => {
    const created = await api<Team>('/api/tenant/teams', { method: 'POST', body: draft });
    onChanged([...teams, created]);
    setFormKey((key) => key + 1);
  };
  const update = async (team: Team, draft: TeamDraft) => {
    const updated = await api<Team>(`/api/tenant/teams/${team.id}`, {
      method: 'PATCH',
      body: draft,
    });
    onChanged(teams.map((other) => (other.id === updated.id ? updated : other)));
    setEditing(null);
  };

  return (
    <Card
      title="Teams"
      description="A team's members see its queue; supervisors see every queue. A conversation goes to the first team that takes its category."
    >
      {teams.length > 0 && (
        <DataTable
          label="Teams"
          columns={['Team', 'Members', 'Categories', 'Hours', { actions: true }]}
        >
          {teams.map((team) =>
            editing === team.id ? (
              <tr key={team.id}>
                <td colSpan={5}>
                  <TeamForm
                    initial={team}
                    agents={agents}
                    categories={categories}
                    submitLabel={`Save ${team.name}`}
                    onSubmit={(draft) => update(team, draft)}
                    onCancel={() => setEditing(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={team.id}>
                <td>{team.name}</td>
                <td>{names(team.memberIds, agents)}</td>
                <td>{names(team.categoryIds, categories)}</td>
                <td>{team.businessHours ? 'Its own' : "The workspace's"}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Edit ${team.name}`}
                    onClick={() => setEditing(team.id)}
                  >
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    aria-label={`Delete ${team.name}`}
                    className="button small danger-outline"
                    title={`Delete the ${team.name} team?`}
                    confirmLabel="Delete team"
                    danger
                    onConfirm={async () => {
                      await api(`/api/tenant/teams/${team.id}`, { method: 'DELETE' });
                      onChanged(teams.filter((other) => other.id !== team.id));
                    }}
                  >
                    Its conversations, waiting or not, go back to everyone's queue.
                  </ConfirmButton>
                </td>
              </tr>
            ),
          )}
        </DataTable>
      )}
      <h3>New team</h3>
      <TeamForm
        key={formKey}
        initial={EMPTY}
        agents={agents}
        categories={categories}
        submitLabel="Create team"
        onSubmit={create}
      />
    </Card>
  );
}
