import { useState } from 'react';
import { api } from '../api/client';
import { RequirePermission } from '../layout/RequirePermission';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DataTable } from '../ui/DataTable';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { useSubmit } from '../ui/useSubmit';
import { DeliveryLog } from './DeliveryLog';
import { SecretCallout } from './SecretCallout';
import { type WebhookDraft, WebhookForm } from './WebhookForm';
import {
  describeEvents,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  WEBHOOKS_PATH,
} from './webhookTypes';

/** The workspace's outgoing webhooks (`integrations:manage`). */
export function WebhooksPage() {
  return (
    <RequirePermission permission="integrations:manage">
      <Webhooks />
    </RequirePermission>
  );
}

function Webhooks() {
  const endpoints = useApi<{ webhooks: WebhookEndpoint[] }>(WEBHOOKS_PATH);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const replace = (endpoint: WebhookEndpoint) =>
    endpoints.setData((current) => ({
      webhooks: (current?.webhooks ?? []).map((other) =>
        other.id === endpoint.id ? endpoint : other,
      ),
    }));
  const create = async (draft: WebhookDraft) => {
    const created = await api<WebhookEndpointWithSecret>(WEBHOOKS_PATH, {
      method: 'POST',
      body: { ...draft, description: draft.description || undefined },
    });
    const { secret: _shownOnce, ...endpoint } = created;
    endpoints.setData((current) => ({ webhooks: [...(current?.webhooks ?? []), endpoint] }));
    setSecret(created);
    setSelected(created.id);
    setFormKey((key) => key + 1);
  };

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Parley sends your servers a signed HTTP request for each conversation, message, rating and SLA event you choose."
      />
      {secret && (
        <SecretCallout url={secret.url} secret={secret.secret} onDismiss={() => setSecret(null)} />
      )}
      <Loaded resource={endpoints} loadingLabel="Loading webhooks…">
        {({ webhooks }) => (
          <Card title="Endpoints" description="At most 20 per workspace.">
            {webhooks.length > 0 && (
              <DataTable label="Endpoints" columns={['URL', 'Events', 'State', { actions: true }]}>
                {webhooks.map((endpoint) => (
                  <EndpointRow
                    key={endpoint.id}
                    endpoint={endpoint}
                    selected={selected === endpoint.id}
                    onSelect={() => setSelected(endpoint.id)}
                    onChanged={replace}
                    onSecret={setSecret}
                    onDeleted={() => {
                      endpoints.setData((current) => ({
                        webhooks: (current?.webhooks ?? []).filter(
                          (other) => other.id !== endpoint.id,
                        ),
                      }));
                      if (selected === endpoint.id) setSelected(null);
                    }}
                  />
                ))}
              </DataTable>
            )}
            <h3>New endpoint</h3>
            <WebhookForm key={formKey} submitLabel="Add endpoint" onSubmit={create} />
          </Card>
        )}
      </Loaded>
      {selected && endpoints.data?.webhooks.some((endpoint) => endpoint.id === selected) && (
        <DeliveryLog
          key={selected}
          endpoint={endpoints.data.webhooks.find((endpoint) => endpoint.id === selected)!}
        />
      )}
    </>
  );
}

function EndpointRow({
  endpoint,
  selected,
  onSelect,
  onChanged,
  onSecret,
  onDeleted,
}: {
  endpoint: WebhookEndpoint;
  selected: boolean;
  onSelect(): void;
  onChanged(endpoint: WebhookEndpoint): void;
  onSecret(endpoint: WebhookEndpointWithSecret): void;
  onDeleted(): void;
}) {
  const path = `${WEBHOOKS_PATH}/${endpoint.id}`;
  const [tested, setTested] = useState(false);
  const toggle = useSubmit(async () =>
    onChanged(
      await api<WebhookEndpoint>(path, { method: 'PATCH', body: { enabled: !endpoint.enabled } }),
    ),
  );
  const test = useSubmit(async () => {
    await api(`${path}/test`, { method: 'POST' });
    setTested(true);
    onSelect();
  });

  return (
    <tr className={selected ? 'selected' : undefined}>
      <td>
        <code>{endpoint.url}</code>
        {endpoint.description && <div className="muted">{endpoint.description}</div>}
      </td>
      <td>{describeEvents(endpoint.events)}</td>
      <td>
        {endpoint.enabled ? (
          <Badge tone="success">Enabled</Badge>
        ) : endpoint.disabledReason === 'failing' ? (
          <Badge tone="danger">Disabled: kept failing</Badge>
        ) : (
          <Badge>Disabled</Badge>
        )}
        <ErrorMessage error={toggle.error ?? test.error} />
        {tested && (
          <span className="sr-only" role="status">
            Test event queued
          </span>
        )}
      </td>
      <td className="actions">
        <button
          type="button"
          className="button small"
          aria-label={`Deliveries of ${endpoint.url}`}
          onClick={onSelect}
        >
          Deliveries
        </button>
        <button
          type="button"
          className="button small"
          disabled={!endpoint.enabled || test.sending}
          aria-label={`Send a test event to ${endpoint.url}`}
          onClick={() => void test.run()}
        >
          Send test event
        </button>
        <button
          type="button"
          className="button small"
          disabled={toggle.sending}
          onClick={() => void toggle.run()}
        >
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </button>
        <ConfirmButton
          label="Rotate secret"
          aria-label={`Rotate the secret of ${endpoint.url}`}
          className="button small"
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          onConfirm={async () => {
            const rotated = await api<WebhookEndpointWithSecret>(`${path}/rotate-secret`, {
              method: 'POST',
            });
            const { secret: _shownOnce, ...rest } = rotated;
            onChanged(rest);
            onSecret(rotated);
          }}
        >
          A new secret is shown once. For 24 hours deliveries carry signatures with both the new and
          the old secret, so your receiver can switch over.
        </ConfirmButton>
        <ConfirmButton
          label="Delete"
          aria-label={`Delete ${endpoint.url}`}
          className="button small danger-outline"
          title={`Delete ${endpoint.url}?`}
          confirmLabel="Delete endpoint"
          danger
          onConfirm={async () => {
            await api(path, { method: 'DELETE' });
            onDeleted();
          }}
        >
          Events are no longer sent to it, and its delivery log is deleted.
        </ConfirmButton>
      </td>
    </tr>
  );
}
