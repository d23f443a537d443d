import { api } from '../api/client';
import { RequirePermission } from '../layout/RequirePermission';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { ConfirmButton } from '../ui/ConfirmButton';
import { CopyButton } from '../ui/CopyButton';
import { formatDateTime } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { useInterval } from '../ui/useInterval';
import { IntercomForm } from './IntercomForm';
import {
  describeScope,
  INTERCOM_PATH,
  type IntercomDraft,
  type IntercomStatus,
} from './intercomTypes';

interface Named {
  id: string;
  name: string;
}

/** Integrations → Intercom: connect the workspace's Intercom, see its health, disconnect. */
export function IntercomPage() {
  return (
    <RequirePermission permission="integrations:manage">
      <Intercom />
    </RequirePermission>
  );
}

function Intercom() {
  const status = useApi<IntercomStatus>(INTERCOM_PATH);
  const chatbots = useApi<{ chatbots: Named[] }>('/api/tenant/chatbots');
  const categories = useApi<{ categories: Named[] }>('/api/tenant/categories');
  // Health moves on its own (webhooks, polls): keep it fresh while the page is open.
  useInterval(status.reload, 10_000);
  const names = new Map(
    [...(chatbots.data?.chatbots ?? []), ...(categories.data?.categories ?? [])].map((item) => [
      item.id,
      item.name,
    ]),
  );

  const save = async (draft: IntercomDraft) => {
    const saved = await api<IntercomStatus>(INTERCOM_PATH, {
      method: 'PUT',
      body: {
        ...(draft.accessToken ? { accessToken: draft.accessToken } : {}),
        ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
        scope: draft.scope,
      },
    });
    status.setData(() => saved);
  };

  return (
    <>
      <PageHeader
        title="Intercom"
        description="Send your visitors’ conversations to Intercom, and bring your team’s Intercom replies back to the visitor."
      />
      <Loaded resource={status} loadingLabel="Loading the Intercom connection…">
        {(current) => (
          <>
            <Card
              title="Connection"
              aria-label="Intercom connection status"
              actions={
                current.connected && (
                  <ConfirmButton
                    label="Disconnect"
                    className="button small danger-outline"
                    title="Disconnect Intercom?"
                    confirmLabel="Disconnect"
                    danger
                    onConfirm={async () => {
                      await api(INTERCOM_PATH, { method: 'DELETE' });
                      status.setData((before) => ({
                        ...before!,
                        connected: false,
                        scope: null,
                        workspace: null,
                      }));
                    }}
                  >
                    Conversations stop going to Intercom, and its webhooks are refused. Parley
                    forgets the access token and the client secret.
                  </ConfirmButton>
                )
              }
            >
              <dl className="details">
                <dt>State</dt>
                <dd>
                  {current.connected ? (
                    <Badge tone={current.lastError ? 'warning' : 'success'}>Connected</Badge>
                  ) : (
                    <Badge>Not connected</Badge>
                  )}
                </dd>
                {current.workspace && (
                  <>
                    <dt>Intercom workspace</dt>
                    <dd>
                      {current.workspace.name ?? 'Unnamed'}
                      {current.workspace.adminName && ` (token of ${current.workspace.adminName})`}
                    </dd>
                  </>
                )}
                {current.connected && (
                  <>
                    <dt>Conversations</dt>
                    <dd>{describeScope(current.scope, names)}</dd>
                    <dt>Last webhook</dt>
                    <dd>
                      {current.lastWebhookAt ? formatDateTime(current.lastWebhookAt) : 'None yet'}
                    </dd>
                    <dt>Last poll</dt>
                    <dd>{current.lastPollAt ? formatDateTime(current.lastPollAt) : 'None yet'}</dd>
                    <dt>Last message sent</dt>
                    <dd>
                      {current.lastForwardAt ? formatDateTime(current.lastForwardAt) : 'None yet'}
                    </dd>
                    <dt>Last error</dt>
                    <dd role="status">
                      {current.lastError
                        ? `${formatDateTime(current.lastError.at)}: ${current.lastError.message}`
                        : 'None'}
                    </dd>
                  </>
                )}
                <dt>Webhook URL</dt>
                <dd>
                  <code>{current.webhookUrl}</code>{' '}
                  <CopyButton text={current.webhookUrl} aria-label="Copy the webhook URL" />
                  <div className="muted">
                    In Intercom’s Developer Hub, Webhooks: this URL, with the topics
                    conversation.admin.replied and conversation.admin.closed.
                  </div>
                </dd>
              </dl>
            </Card>
            <Card
              title={current.connected ? 'Change the connection' : 'Connect'}
              description="Parley checks the access token with Intercom and keeps both secrets sealed; they are never shown again."
            >
              <Loaded resource={chatbots} loadingLabel="Loading chatbots…">
                {({ chatbots: list }) => (
                  <IntercomForm
                    key={current.connected ? 'connected' : 'new'}
                    connected={current.connected}
                    scope={current.scope}
                    chatbots={list}
                    categories={categories.data?.categories ?? []}
                    onSubmit={save}
                  />
                )}
              </Loaded>
            </Card>
          </>
        )}
      </Loaded>
    </>
  );
}
