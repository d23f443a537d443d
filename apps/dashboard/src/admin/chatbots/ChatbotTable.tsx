import { isQuestion } from '@app/contracts/journey/journey-graph';
import { Link } from 'react-router';
import { DataTable } from '../../ui/DataTable';
import { formatDateTime } from '../../ui/format';
import { AllowedOrigins, ApiKeyPrefix } from './ChatbotFacts';
import type { Chatbot } from './chatbotTypes';

/** The tenant's chatbots; each name opens its page. */
export function ChatbotTable({ chatbots }: { chatbots: Chatbot[] }) {
  return (
    <DataTable
      label="Chatbots"
      columns={['Name', 'Allowed origins', 'API key', 'Pre-chat questions', 'Created']}
    >
      {chatbots.map((chatbot) => (
        <tr key={chatbot.id}>
          <th scope="row">
            <span
              className="swatch-dot"
              style={{ background: chatbot.appearance.color }}
              aria-hidden="true"
            />
            <Link to={`/chatbots/${chatbot.id}`} className="cell-title">
              {chatbot.name}
            </Link>
          </th>
          <td>
            <AllowedOrigins chatbot={chatbot} />
          </td>
          <td>
            <ApiKeyPrefix chatbot={chatbot} />
          </td>
          <td>
            {chatbot.journey.nodes.filter(isQuestion).length || <span className="muted">None</span>}
          </td>
          <td className="nowrap muted">{formatDateTime(chatbot.createdAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
