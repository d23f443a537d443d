import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { ApiKeyCallout } from './chatbots/ApiKeyCallout';
import { ChatbotForm } from './chatbots/ChatbotForm';
import { ChatbotTable } from './chatbots/ChatbotTable';
import type { Chatbot, ChatbotInput, ChatbotWithKey } from './chatbots/chatbotTypes';

/** The tenant's chatbots, and a new one's form; everyone may look, chatbots:manage may change. */
export function ChatbotsPage() {
  const { can } = useSession();
  const manage = can('chatbots:manage');
  const chatbots = useApi<{ chatbots: Chatbot[] }>('/api/tenant/chatbots');
  const { reload } = chatbots;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ChatbotWithKey>();

  const create = useCallback(
    async (input: ChatbotInput) => {
      const answer = await api<ChatbotWithKey>('/api/tenant/chatbots', {
        method: 'POST',
        body: input,
      });
      setCreated(answer);
      setCreating(false);
      reload();
    },
    [reload],
  );

  const newButton = manage && !creating && (
    <button type="button" className="button primary" onClick={() => setCreating(true)}>
      New chatbot
    </button>
  );

  return (
    <>
      <PageHeader
        title="Chatbots"
        description="Each chatbot is a chat widget for your websites, with its own look, pre-chat questions and API key."
        actions={newButton}
      />
      <div className="stack">
        {created && <ApiKeyCallout chatbot={created} onDismiss={() => setCreated(undefined)} />}
        {creating && (
          <Card title="New chatbot">
            <ChatbotForm
              submitLabel="Create chatbot"
              sendingLabel="Creating…"
              onSubmit={create}
              onCancel={() => setCreating(false)}
            />
          </Card>
        )}
        {!manage && (
          <p className="alert alert-info">
            You can look at the chatbots; changing them needs the <code>chatbots:manage</code>{' '}
            permission.
          </p>
        )}
        <Loaded resource={chatbots} loadingLabel="Loading chatbots…">
          {({ chatbots: list }) =>
            list.length > 0 ? (
              <ChatbotTable chatbots={list} />
            ) : (
              !creating && (
                <div className="card">
                  <EmptyState title="No chatbots yet" action={newButton}>
                    Create a chatbot to get the snippet that puts live chat on your website.
                  </EmptyState>
                </div>
              )
            )
          }
        </Loaded>
      </div>
    </>
  );
}
