import type { ChatMessage, MessageAttachment } from '@app/contracts';
import { formatDateTime } from '../ui/format';
import { formatMessageTime } from './durations';

/** An image as its thumbnail, opening the full image; any other file as a download link. */
function Attachment({ file }: { file: MessageAttachment }) {
  if (file.thumbnailUrl)
    return (
      <a
        className="inbox-attachment inbox-attachment-image"
        href={file.url}
        target="_blank"
        rel="noopener"
      >
        <img src={file.thumbnailUrl} alt={file.name} width={file.width} height={file.height} />
      </a>
    );
  return (
    <a className="inbox-attachment inbox-bubble" href={file.url} download={file.name}>
      📎 {file.name} <span className="inbox-attachment-size">({formatSize(file.size)})</span>
    </a>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

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
      {message.body && (
        <div className="inbox-bubble">
          <span className="sr-only">{author}: </span>
          {message.body}
        </div>
      )}
      {message.attachments?.map((file) => (
        <Attachment key={file.id} file={file} />
      ))}
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
