import type { ChatMessage } from '@app/contracts';
import { formatDateTime } from '../ui/format';
import { formatMessageTime } from './durations';

/**
 * One message. The body is rendered as text (React escapes it): visitors type anything,
 * markup included, and it must show exactly as typed.
 */
export function MessageBubble({ message, seen }: { message: ChatMessage; seen?: boolean }) {
  const { type } = message.sender;
  if (type === 'system')
    return (
      <div className="inbox-system-message" data-seq={message.seq} data-sender="system">
        <span>{message.body}</span>
        <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
          {formatMessageTime(message.createdAt)}
        </time>
      </div>
    );
  const author = message.sender.name || (type === 'agent' ? 'Agent' : 'Visitor');
  return (
    <div
      className={`inbox-message inbox-message-${type}`}
      data-seq={message.seq}
      data-sender={type}
    >
      <div className="inbox-bubble">
        <span className="sr-only">{author}: </span>
        {message.body}
      </div>
      <div className="inbox-message-meta">
        <span aria-hidden="true">{author} · </span>
        <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
          {formatMessageTime(message.createdAt)}
        </time>
        {seen && <span className="inbox-seen"> · Seen</span>}
      </div>
    </div>
  );
}
