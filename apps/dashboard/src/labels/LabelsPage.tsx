import { useState } from 'react';
import { api } from '../api/client';
import { RequirePermission } from '../layout/RequirePermission';
import { Card } from '../ui/Card';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DataTable } from '../ui/DataTable';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { LabelChip } from './LabelChip';
import { type LabelDraft, LabelForm } from './LabelForm';
import { forgetLabels, type LabelInfo } from './useLabels';

const PATH = '/api/tenant/labels';
const EMPTY: LabelDraft = { name: '', color: '#2563eb' };

/** The workspace's labels for conversations: names and colours (`labels:manage`). */
export function LabelsPage() {
  return (
    <RequirePermission permission="labels:manage">
      <LabelsAdmin />
    </RequirePermission>
  );
}

function LabelsAdmin() {
  const labels = useApi<{ labels: LabelInfo[] }>(PATH);
  return (
    <>
      <PageHeader
        title="Labels"
        description="Agents put labels on conversations to sort them; the history filters by them and analytics counts them."
      />
      <Loaded resource={labels} loadingLabel="Loading labels…">
        {({ labels: list }) => (
          <LabelsCard
            labels={list}
            onChanged={(next) => {
              forgetLabels();
              labels.setData({ labels: next });
            }}
          />
        )}
      </Loaded>
    </>
  );
}

function LabelsCard({
  labels,
  onChanged,
}: {
  labels: LabelInfo[];
  onChanged(labels: LabelInfo[]): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const create = async (draft: LabelDraft) => {
    const created = await api<LabelInfo>(PATH, { method: 'POST', body: draft });
    onChanged([...labels, created]);
    setFormKey((key) => key + 1);
  };
  const update = async (label: LabelInfo, draft: LabelDraft) => {
    const updated = await api<LabelInfo>(`${PATH}/${label.id}`, { method: 'PATCH', body: draft });
    onChanged(labels.map((other) => (other.id === updated.id ? updated : other)));
    setEditing(null);
  };

  return (
    <Card title="Labels" description="Every agent sees them and puts them on conversations.">
      {labels.length > 0 && (
        <DataTable label="Labels" columns={['Label', 'Colour', { actions: true }]}>
          {labels.map((label) =>
            editing === label.id ? (
              <tr key={label.id}>
                <td colSpan={3}>
                  <LabelForm
                    initial={label}
                    submitLabel={`Save ${label.name}`}
                    onSubmit={(draft) => update(label, draft)}
                    onCancel={() => setEditing(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={label.id}>
                <td>
                  <LabelChip label={label} />
                </td>
                <td className="mono">{label.color}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Edit ${label.name}`}
                    onClick={() => setEditing(label.id)}
                  >
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    aria-label={`Delete ${label.name}`}
                    className="button small danger-outline"
                    title={`Delete ${label.name}?`}
                    confirmLabel="Delete label"
                    danger
                    onConfirm={async () => {
                      await api(`${PATH}/${label.id}`, { method: 'DELETE' });
                      onChanged(labels.filter((other) => other.id !== label.id));
                    }}
                  >
                    Conversations lose the label; analytics keeps what it counted.
                  </ConfirmButton>
                </td>
              </tr>
            ),
          )}
        </DataTable>
      )}
      <h3>New label</h3>
      <LabelForm key={formKey} initial={EMPTY} submitLabel="Add label" onSubmit={create} />
    </Card>
  );
}
