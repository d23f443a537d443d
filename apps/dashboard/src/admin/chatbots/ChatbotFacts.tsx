import { Badge } from '../../ui/Badge';
import type { Chatbot } from './chatbotTypes';

/** The origins a chatbot's widget may start chats from, one per line. */
export function AllowedOrigins({ chatbot }: { chatbot: Chatbot }) {
  return (
    <ul className="plain-list mono">
      {chatbot.allowedOrigins.map((origin) => (
        <li key={origin}>{origin}</li>
      ))}
    </ul>
  );
}

/** The beginning of the chatbot's API key, or that it has none (revoked). */
export function ApiKeyPrefix({ chatbot }: { chatbot: Chatbot }) {
  return chatbot.apiKeyPrefix ? (
    <code>{chatbot.apiKeyPrefix}…</code>
  ) : (
    <Badge tone="warning">No key</Badge>
  );
}
