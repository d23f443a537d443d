import { Fragment, useState } from 'react';
import { api } from '../../api/client';
import { RequirePermission } from '../../layout/RequirePermission';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { formatDateTime, formatRelative } from '../../ui/format';
import { Loaded } from '../../ui/Loaded';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { permissionTitle } from '../roles/permissionLabels';
import { ApiTokenCallout } from './ApiTokenCallout';
import { ApiTokenUsage } from './ApiTokenUsage';
import { MANAGEMENT_PATH, type ApiToken, type NewApiToken } from './apiTokenTypes';
import { CreateApiTokenForm } from './CreateApiTokenForm';

/** The workspace's API tokens, for its backend to call Parley (`api-tokens:manage`). */
export function ApiTokensPage() {
  return (
    <RequirePermission permission="api-tokens:manage">
      <ApiTokensAdmin />
    </RequirePermission>
  );
}

function ApiTokensAdmin() {
  const tokens = useApi<{ apiTokens: ApiToken[] }>(MANAGEMENT_PATH);
  const [created, setCreated] = useState<NewApiToken | null>(null);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Your backend calls any Parley API with a token, in the Authorization header. Each token holds the permissions you give it, until it expires or is revoked."
      />
      {created && <ApiTokenCallout token={created} onDismiss={() => setCreated(null)} />}
      <Loaded resource={tokens} loadingLabel="Loading API tokens…">
        {({ apiTokens }) => (
          <TokensCard
            tokens={apiTokens}
            onRevoked={(id) =>
              tokens.setData((before) => ({
                apiTokens: (before?.apiTokens ?? []).filter((token) => token.id !== id),
              }))
            }
          />
        )}
      </Loaded>
      <Card title="New API token">
        <CreateApiTokenForm
          onCreated={(token) => {
            const { token: _secret, ...listed } = token;
            tokens.setData((before) => ({ apiTokens: [...(before?.apiTokens ?? []), listed] }));
            setCreated(token);
          }}
        />
      </Card>
    </>
  );
}

function TokensCard({ tokens, onRevoked }: { tokens: ApiToken[]; onRevoked(id: string): void }) {
  const [shownUsage, setShownUsage] = useState<string | null>(null);
  if (tokens.length === 0)
    return (
      <Card title="Tokens">
        <EmptyState title="No API token yet">Create one below for your backend.</EmptyState>
      </Card>
    );
  return (
    <Card title="Tokens" description="The token itself is shown only when it is created.">
      <DataTable
        label="API tokens"
        columns={[
          'Name',
          'Token',
          'Permissions',
          'Created',
          'Last used',
          'Expires',
          { actions: true },
        ]}
      >
        {tokens.map((token) => (
          <Fragment key={token.id}>
            <tr>
              <td>{token.name}</td>
              <td className="mono">{token.tokenPrefix}…</td>
              <td>{token.permissions.map(permissionTitle).join(', ')}</td>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatRelative(token.lastUsedAt) : 'Never'}</td>
              <td>
                <Expiry token={token} />
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="button small"
                  aria-expanded={shownUsage === token.id}
                  aria-label={`Usage of ${token.name}`}
                  onClick={() => setShownUsage(shownUsage === token.id ? null : token.id)}
                >
                  Usage
                </button>
                <ConfirmButton
                  label="Revoke"
                  aria-label={`Revoke ${token.name}`}
                  className="button small danger-outline"
                  title={`Revoke ${token.name}?`}
                  confirmLabel="Revoke token"
                  danger
                  onConfirm={async () => {
                    await api(`${MANAGEMENT_PATH}/${token.id}`, { method: 'DELETE' });
                    onRevoked(token.id);
                  }}
                >
                  Every Parley service refuses it at once. Whatever uses it stops working.
                </ConfirmButton>
              </td>
            </tr>
            {shownUsage === token.id && (
              <tr>
                <td colSpan={7}>
                  <ApiTokenUsage token={token} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </DataTable>
    </Card>
  );
}

function Expiry({ token }: { token: ApiToken }) {
  if (!token.expiresAt) return <>Never</>;
  if (new Date(token.expiresAt).getTime() <= Date.now())
    return <Badge tone="danger">Expired</Badge>;
  return <>{formatDateTime(token.expiresAt)}</>;
}
