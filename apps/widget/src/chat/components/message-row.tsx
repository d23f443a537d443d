import type { ChatMessage } from '@app/contracts';
import type { Strings } from '../../i18n/en';
import { formatTime } from '../format-time';
import type { PendingMessage } from '../state/outbox';

interface MessageRowProps {
  message: ChatMessage;
  /** Show the sender's name: the first of a run of messages from the same agent. */
  showSender: boolean;
  seen: boolean;
  strings: Strings;
  locale: string;
}

/** A message body is always text: preact escapes it, and pre-wrap keeps its line breaks. */
export function MessageRow({ message, showSender, seen, strings, locale }: MessageRowProps) {
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
      <p class="parley-bubble">{message.body}</p>
      <p class="parley-meta">
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
        {seen && ` · ${strings.seen}`}
      </p>
    </div>
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
      <p class="parley-bubble">{pending.body}</p>
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
