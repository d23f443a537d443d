import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { ConfirmButton } from '../ui/ConfirmButton';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { ApiKeyCallout } from './chatbots/ApiKeyCallout';
import { ChatbotForm } from './chatbots/ChatbotForm';
import { ChatbotSummary } from './chatbots/ChatbotSummary';
import { IdentityVerificationCard } from './chatbots/IdentityVerificationCard';
import { OfflineModeCard } from './chatbots/OfflineModeCard';
import type { Chatbot, ChatbotInput, ChatbotWithKey } from './chatbots/chatbotTypes';

/** One chatbot: its settings, its API key (rotate, revoke) and its deletion. */
export function ChatbotPage() {
  const { chatbotId = '' } = useParams();
  const path = `/api/tenant/chatbots/${encodeURIComponent(chatbotId)}`;
  const chatbot = useApi<Chatbot>(path);

  const back = (
    <Link to="/chatbots" className="back-link">
      ← Chatbots
    </Link>
  );

  if (chatbot.error instanceof ApiError && chatbot.error.status === 404)
    return (
      <>
        {back}
        <div className="card">
          <EmptyState title="This chatbot does not exist">
            It may have been deleted. <Link to="/chatbots">See all chatbots</Link>.
          </EmptyState>
        </div>
      </>
    );

  return (
    <>
      {back}
      <Loaded resource={chatbot} loadingLabel="Loading the chatbot…">
        {(loaded) => <ChatbotDetails chatbot={loaded} path={path} onChange={chatbot.setData} />}
      </Loaded>
    </>
  );
}

function ChatbotDetails({
  chatbot,
  path,
  onChange,
}: {
  chatbot: Chatbot;
  path: string;
  onChange(chatbot: Chatbot): void;
}) {
  const { can } = useSession();
  const manage = can('chatbots:manage');
  const navigate = useNavigate();
  const [newKey, setNewKey] = useState<ChatbotWithKey>();
  const [savedAt, setSavedAt] = useState<Date>();

  const save = useCallback(
    async (input: ChatbotInput) => {
      onChange(await api<Chatbot>(path, { method: 'PATCH', body: input }));
      setSavedAt(new Date());
    },
    [path, onChange],
  );

  const rotate = async () => {
    const answer = await api<ChatbotWithKey>(`${path}/api-key`, { method: 'POST' });
    setNewKey(answer);
    onChange(answer);
  };

  const revoke = async () => {
    onChange(await api<Chatbot>(`${path}/api-key`, { method: 'DELETE' }));
    setNewKey(undefined);
  };

  const remove = async () => {
    await api(path, { method: 'DELETE' });
    navigate('/chatbots', { replace: true });
  };

  return (
    <>
      <PageHeader
        title={chatbot.name}
        description={`Created ${formatDateTime(chatbot.createdAt)} · last changed ${formatDateTime(chatbot.updatedAt)}`}
      />
      <div className="stack">
        {newKey && <ApiKeyCallout chatbot={newKey} onDismiss={() => setNewKey(undefined)} />}

        <Card
          title="API key"
          description="The widget sends it to start a chat; it works only from the allowed origins."
          actions={
            manage && (
              <>
                {chatbot.apiKeyPrefix ? (
                  <ConfirmButton
                    label="Rotate key"
                    title="Rotate the API key?"
                    confirmLabel="Rotate key"
                    onConfirm={rotate}
                  >
                    A new key replaces the current one, which <strong>stops working at once</strong>
                    : the widget on your site fails until you paste the new snippet.
                  </ConfirmButton>
                ) : (
                  <ConfirmButton
                    label="Create a new key"
                    title="Create a new API key?"
                    confirmLabel="Create key"
                    onConfirm={rotate}
                  >
                    The new key is shown once, with the snippet to paste on your site.
                  </ConfirmButton>
                )}
                <ConfirmButton
                  label="Revoke key"
                  className="button danger-outline"
                  title="Revoke the API key?"
                  confirmLabel="Revoke key"
                  danger
                  disabled={!chatbot.apiKeyPrefix}
                  onConfirm={revoke}
                >
                  The key stops working at once and the chatbot has none until you rotate it. New
                  chats cannot start from your site meanwhile.
                </ConfirmButton>
              </>
            )
          }
        >
          {chatbot.apiKeyPrefix ? (
            <p>
              Current key: <code>{chatbot.apiKeyPrefix}…</code>{' '}
              <span className="muted">(only its beginning is kept, to recognise it)</span>
            </p>
          ) : (
            <p>
              <Badge tone="warning">No key</Badge>{' '}
              <span className="muted">The key was revoked: the widget cannot start chats.</span>
            </p>
          )}
        </Card>

        {manage ? (
          <Card
            title="Settings"
            actions={
              savedAt && (
                <span className="saved-note" role="status">
                  Saved at {savedAt.toLocaleTimeString()}
                </span>
              )
            }
          >
            <ChatbotForm
              chatbot={chatbot}
              submitLabel="Save changes"
              sendingLabel="Saving…"
              onSubmit={save}
            />
          </Card>
        ) : (
          <Card title="Settings">
            <ChatbotSummary chatbot={chatbot} />
          </Card>
        )}

        {manage && <IdentityVerificationCard chatbot={chatbot} path={path} onChange={onChange} />}

        {manage && <OfflineModeCard chatbot={chatbot} path={path} onChange={onChange} />}

        {manage && (
          <Card
            title="Delete this chatbot"
            description="Its API key stops working and its widget disappears from every site."
            className="danger-zone"
            actions={
              <ConfirmButton
                label="Delete chatbot"
                className="button danger-outline"
                title={`Delete ${chatbot.name}?`}
                confirmLabel="Delete chatbot"
                danger
                onConfirm={remove}
              >
                This cannot be undone. The widget stops working on every site that embeds it.
              </ConfirmButton>
            }
          />
        )}
      </div>
    </>
  );
}
