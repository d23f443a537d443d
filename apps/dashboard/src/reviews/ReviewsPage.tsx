import { useState } from 'react';
import { api } from '../api/client';
import { RequirePermission } from '../layout/RequirePermission';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DataTable } from '../ui/DataTable';
import { formatDateTime } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { useInterval } from '../ui/useInterval';
import { InvitationLog } from './InvitationLog';
import {
  type ConnectionAnswer,
  type InvitationDay,
  TRUSTPILOT_PATH,
  type TrustpilotConnection,
} from './reviewTypes';
import { type TrustpilotDraft, TrustpilotForm } from './TrustpilotForm';

/** Integrations → Reviews: Trustpilot invitations on close (`integrations:manage`). */
export function ReviewsPage() {
  return (
    <RequirePermission permission="integrations:manage">
      <Reviews />
    </RequirePermission>
  );
}

function Reviews() {
  const answer = useApi<ConnectionAnswer>(TRUSTPILOT_PATH);
  const stats = useApi<{ days: InvitationDay[] }>(`${TRUSTPILOT_PATH}/invitations/stats`, {
    days: 14,
  });
  const [formKey, setFormKey] = useState(0);
  const { reload } = answer;
  const { reload: reloadStats } = stats;
  // The health and the counts follow what the sweeps send meanwhile.
  useInterval(reload, 10_000);
  useInterval(reloadStats, 10_000);

  const save = async (draft: TrustpilotDraft) => {
    const connection = await api<TrustpilotConnection>(TRUSTPILOT_PATH, {
      method: 'PUT',
      body: draft,
    });
    answer.setData({ connection });
    setFormKey((key) => key + 1);
  };

  return (
    <>
      <PageHeader
        title="Reviews"
        description="Trustpilot invites a visitor to review you when their conversation is closed as resolved."
      />
      <Loaded resource={answer} loadingLabel="Loading the Trustpilot connection…">
        {({ connection }) => (
          <>
            {connection && (
              <Health
                connection={connection}
                onDisconnected={() => answer.setData({ connection: null })}
              />
            )}
            <Card
              title={connection ? 'Settings' : 'Connect Trustpilot'}
              description="Parley checks the credentials, business unit and template with Trustpilot before saving."
            >
              <TrustpilotForm key={formKey} connection={connection} onSubmit={save} />
            </Card>
          </>
        )}
      </Loaded>
      <Loaded resource={stats} loadingLabel="Loading counts…">
        {({ days }) => <DailyCounts days={days} />}
      </Loaded>
      <InvitationLog onRetried={reloadStats} />
    </>
  );
}

function Health({
  connection,
  onDisconnected,
}: {
  connection: TrustpilotConnection;
  onDisconnected(): void;
}) {
  const { health } = connection;
  return (
    <Card
      title="Connection"
      actions={
        <ConfirmButton
          label="Disconnect"
          className="button small danger-outline"
          title="Disconnect Trustpilot?"
          confirmLabel="Disconnect"
          danger
          onConfirm={async () => {
            await api(TRUSTPILOT_PATH, { method: 'DELETE' });
            onDisconnected();
          }}
        >
          The API key and secret are deleted, and invitations not sent yet are skipped. The log
          stays.
        </ConfirmButton>
      }
    >
      <dl className="details" aria-label="Trustpilot health">
        <dt>State</dt>
        <dd>
          {!connection.enabled ? (
            <Badge>Disabled</Badge>
          ) : health.status === 'failing' ? (
            <Badge tone="danger">Failing</Badge>
          ) : health.status === 'ok' ? (
            <Badge tone="success">Working</Badge>
          ) : (
            <Badge tone="info">Nothing sent yet</Badge>
          )}
        </dd>
        <dt>Last success</dt>
        <dd>{health.lastSuccessAt ? formatDateTime(health.lastSuccessAt) : '—'}</dd>
        <dt>Last error</dt>
        <dd>
          {health.lastErrorAt
            ? `${formatDateTime(health.lastErrorAt)}: ${health.lastError ?? ''}`
            : '—'}
        </dd>
        <dt>Access token expires</dt>
        <dd>{health.tokenExpiresAt ? formatDateTime(health.tokenExpiresAt) : '—'}</dd>
      </dl>
    </Card>
  );
}

function DailyCounts({ days }: { days: InvitationDay[] }) {
  return (
    <Card
      title="Per day"
      description="Invitations sent, failed and skipped, the last 14 days (UTC)."
    >
      <DataTable label="Invitations per day" columns={['Day', 'Sent', 'Failed', 'Skipped']}>
        {[...days].reverse().map((day) => (
          <tr key={day.date}>
            <td>{day.date}</td>
            <td>{day.sent}</td>
            <td>{day.failed}</td>
            <td>{day.skipped}</td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
