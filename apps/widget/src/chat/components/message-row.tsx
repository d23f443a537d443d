import type { ChatMessage, MessageAttachment } from '@app/contracts';
import type { Strings } from '../../i18n/en';
import { formatTime } from '../format-time';
import type { PendingMessage } from '../state/outbox';
import { AttachIcon } from './icons';

interface MessageRowProps {
  message: ChatMessage;
  /** Parley's origin: the links of files are paths on it. */
  baseUrl: string;
  /** Show the sender's name: the first of a run of messages from the same agent. */
  showSender: boolean;
  seen: boolean;
  strings: Strings;
  locale: string;
}

/** A message body is always text: preact escapes it, and pre-wrap keeps its line breaks. */
export function MessageRow({
  message,
  baseUrl,
  showSender,
  seen,
  strings,
  locale,
}: MessageRowProps) {
  const { type } = message.sender;
  if (type === 'system')
    return (
      <div class="parley-row parley-row--system">
        <p class="parley-bubble">{message.body}</p>
      </div>
    );
  const sender = type === 'agent' ? message.sender.name || strings.agent : strings.you;
  return (
    <div class={`parley-row parley-row--${type}`} data-seq={message.seq}>
      {type === 'agent' && showSender ? (
        <p class="parley-sender">{sender}</p>
      ) : (
        <span class="parley-visually-hidden">{`${sender}: `}</span>
      )}
      {message.body && <p class="parley-bubble">{message.body}</p>}
      {message.attachments?.map((file) => (
        <AttachmentView key={file.id} file={file} baseUrl={baseUrl} />
      ))}
      <p class="parley-meta">
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
        {seen && ` · ${strings.seen}`}
      </p>
    </div>
  );
}

/** An image as its thumbnail (opening the full one), any other file as a download link. */
function AttachmentView({ file, baseUrl }: { file: MessageAttachment; baseUrl: string }) {
  const href = `${baseUrl}${file.url}`;
  return file.thumbnailUrl ? (
    <a
      class="parley-attachment parley-attachment--image"
      href={href}
      target="_blank"
      rel="noopener"
    >
      <img
        src={`${baseUrl}${file.thumbnailUrl}`}
        alt={file.name}
        width={file.width}
        height={file.height}
      />
    </a>
  ) : (
    <a class="parley-attachment parley-bubble" href={href} download={file.name} rel="noopener">
      <AttachIcon /> {file.name}
    </a>
  );
}

interface PendingRowProps {
  pending: PendingMessage;
  strings: Strings;
  onRetry(pending: PendingMessage): void;
}

export function PendingRow({ pending, strings, onRetry }: PendingRowProps) {
  const reason = pending.failure === 'rate_limited' ? strings.sendTooFast : strings.notSent;
  return (
    <div class="parley-row parley-row--visitor parley-row--pending">
      <span class="parley-visually-hidden">{`${strings.you}: `}</span>
      <p class="parley-bubble">{pending.body || '📎'}</p>
      {pending.failure ? (
        <p class="parley-meta parley-meta--failed">
          {`${reason} `}
          <button type="button" class="parley-link-button" onClick={() => onRetry(pending)}>
            {strings.retry}
          </button>
        </p>
      ) : (
        <p class="parley-meta">{strings.sending}</p>
      )}
    </div>
  );
}
