import { Link } from 'react-router';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime, formatRelative } from '../ui/format';
import type { TenantActivity } from './statusTypes';

/** When each chatbot last started a visitor's chat: a silent one may have a broken embed. */
export function ChatbotActivityCard({
  chatbots,
  now,
}: {
  chatbots: TenantActivity['chatbots'];
  now: number;
}) {
  return (
    <Card
      title="Chatbots"
      description="The last visitor session each chatbot started."
      className="card-flush"
    >
      {chatbots.length === 0 ? (
        <EmptyState title="No chatbots yet">
          <Link to="/chatbots">Create one</Link> to start chatting with visitors.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Chatbots' last sessions">
            <thead>
              <tr>
                <th scope="col">Chatbot</th>
                <th scope="col">Last visitor session</th>
              </tr>
            </thead>
            <tbody>
              {chatbots.map((chatbot) => (
                <tr key={chatbot.chatbotId}>
                  <th scope="row">
                    <Link to={`/chatbots/${chatbot.chatbotId}`}>{chatbot.name}</Link>
                  </th>
                  <td title={formatDateTime(chatbot.lastSessionAt)}>
                    {chatbot.lastSessionAt ? (
                      formatRelative(chatbot.lastSessionAt, now)
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
