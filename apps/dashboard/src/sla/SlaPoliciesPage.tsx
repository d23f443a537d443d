import { useState } from 'react';
import type { Category, Team } from '../admin/routing/routingTypes';
import type { Agent } from '../admin/agents/agentTypes';
import { api } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { RequirePermission } from '../layout/RequirePermission';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DataTable } from '../ui/DataTable';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { SlaPolicyForm } from './SlaPolicyForm';
import { formatTarget, type SlaPolicy, type SlaPolicyDraft } from './slaTypes';

const PATH = '/api/tenant/sla-policies';
const EMPTY: SlaPolicyDraft = {
  name: '',
  priority: 'normal',
  categoryId: null,
  teamId: null,
  firstResponseSeconds: 15 * 60,
  resolutionSeconds: 4 * 3600,
  escalation: { action: 'none' },
};

const ESCALATION_LABEL: Record<SlaPolicy['escalation']['action'], string> = {
  none: 'Alert only',
  'raise-priority': 'Raise priority',
  reassign: 'Reassign',
  'requeue-front': 'Front of the queue',
};

/** Response and resolution targets per priority, maybe per category or team. */
export function SlaPoliciesPage() {
  return (
    <RequirePermission permission="sla:manage">
      <SlaPolicies />
    </RequirePermission>
  );
}

function SlaPolicies() {
  const policies = useApi<{ slaPolicies: SlaPolicy[] }>(PATH);
  const categories = useApi<{ categories: Category[] }>('/api/tenant/categories');
  const teams = useApi<{ teams: Team[] }>('/api/tenant/teams');
  const { can } = useSession();
  const agents = useApi<{ agents: Agent[] }>(can('agents:manage') ? '/api/tenant/agents' : null);
  return (
    <>
      <PageHeader
        title="SLA policies"
        description="Each new conversation gets the deadlines of the most specific policy for its priority: team and category, then category, then team, then the priority alone. Targets count business hours: the team's, else the workspace's."
      />
      <Loaded resource={policies} loadingLabel="Loading SLA policies…">
        {({ slaPolicies }) => (
          <PoliciesCard
            policies={slaPolicies}
            categories={categories.data?.categories ?? []}
            teams={teams.data?.teams ?? []}
            agents={
              agents.data?.agents
                .filter((agent) => agent.status === 'active')
                .map((agent) => ({ id: agent.id, name: agent.name })) ?? null
            }
            onChanged={(next) => policies.setData({ slaPolicies: next })}
          />
        )}
      </Loaded>
    </>
  );
}

function PoliciesCard({
  policies,
  categories,
  teams,
  agents,
  onChanged,
}: {
  policies: SlaPolicy[];
  categories: Category[];
  teams: Team[];
  agents: Array<{ id: string; name: string }> | null;
  onChanged(policies: SlaPolicy[]): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const nameOf = (list: Array<{ id: string; name: string }>, id: string | null, none: string) =>
    id === null ? none : (list.find((item) => item.id === id)?.name ?? id);
  const formProps = { categories, teams, agents };

  const create = async (draft: SlaPolicyDraft) => {
    const created = await api<SlaPolicy>(PATH, { method: 'POST', body: draft });
    onChanged([...policies, created]);
    setFormKey((key) => key + 1);
  };
  const update = async (policy: SlaPolicy, draft: SlaPolicyDraft) => {
    const updated = await api<SlaPolicy>(`${PATH}/${policy.id}`, { method: 'PATCH', body: draft });
    onChanged(policies.map((other) => (other.id === updated.id ? updated : other)));
    setEditing(null);
  };

  return (
    <Card
      title="Policies"
      description="Missed targets alert the supervisors, live and by email if they choose."
    >
      {policies.length > 0 && (
        <DataTable
          label="SLA policies"
          columns={[
            'Policy',
            'Applies to',
            'First response',
            'Resolution',
            'On breach',
            { actions: true },
          ]}
        >
          {policies.map((policy) =>
            editing === policy.id ? (
              <tr key={policy.id}>
                <td colSpan={6}>
                  <SlaPolicyForm
                    {...formProps}
                    initial={policy}
                    submitLabel={`Save ${policy.name}`}
                    onSubmit={(draft) => update(policy, draft)}
                    onCancel={() => setEditing(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={policy.id}>
                <td>{policy.name}</td>
                <td>
                  <Badge tone="info">{policy.priority}</Badge>{' '}
                  {nameOf(categories, policy.categoryId, 'any category')},{' '}
                  {nameOf(teams, policy.teamId, 'any team')}
                </td>
                <td>{formatTarget(policy.firstResponseSeconds)}</td>
                <td>{formatTarget(policy.resolutionSeconds)}</td>
                <td>
                  {ESCALATION_LABEL[policy.escalation.action]}
                  {policy.escalation.action === 'reassign' &&
                    ` to ${nameOf(agents ?? [], policy.escalation.agentId, '')}`}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Edit ${policy.name}`}
                    onClick={() => setEditing(policy.id)}
                  >
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    aria-label={`Delete ${policy.name}`}
                    className="button small danger-outline"
                    title={`Delete ${policy.name}?`}
                    confirmLabel="Delete policy"
                    danger
                    onConfirm={async () => {
                      await api(`${PATH}/${policy.id}`, { method: 'DELETE' });
                      onChanged(policies.filter((other) => other.id !== policy.id));
                    }}
                  >
                    Open conversations keep their deadlines; new ones no longer get them.
                  </ConfirmButton>
                </td>
              </tr>
            ),
          )}
        </DataTable>
      )}
      <h3>New policy</h3>
      <SlaPolicyForm
        key={formKey}
        {...formProps}
        initial={EMPTY}
        submitLabel="Add SLA policy"
        onSubmit={create}
      />
    </Card>
  );
}
