import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import type { ConversationState } from '../state/conversation-state';
import { logRows } from '../state/log-rows';
import type { PendingMessage } from '../state/outbox';
import { MessageRow, PendingRow } from './message-row';

interface MessageLogProps {
  state: ConversationState;
  baseUrl: string;
  strings: Strings;
  locale: string;
  visible: boolean;
  onRetry(pending: PendingMessage): void;
}

// Within this many pixels of the end the log follows new messages; further up, the visitor is
// reading back and is left alone.
const FOLLOW_ZONE_PX = 48;

export function MessageLog({ state, baseUrl, strings, locale, visible, onRetry }: MessageLogProps) {
  const { timeline, outbox, notices, agentReadSeq } = state;
  const logRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const sentCount = useRef(outbox.length);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (outbox.length > sentCount.current) following.current = true;
    sentCount.current = outbox.length;
    if (log && visible && following.current) log.scrollTop = log.scrollHeight;
  }, [timeline, outbox, notices, visible]);

  const lastVisitorMessage = timeline.findLast((message) => message.sender.type === 'visitor');
  const rows = logRows(timeline, notices);
  return (
    <div
      ref={logRef}
      class="parley-scroll parley-log"
      role="log"
      aria-live="polite"
      aria-label={strings.messagesLabel}
      tabIndex={0}
      onScroll={(event) => {
        const log = event.currentTarget;
        following.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_ZONE_PX;
      }}
    >
      {timeline.length === 0 && <p class="parley-notice">{strings.loading}</p>}
      {rows.map((row, index) => {
        if (row.kind === 'notice') {
          const { kind, name } = row.notice;
          return (
            <p key={row.notice.key} class="parley-notice">
              {kind === 'joined' ? strings.agentJoined(name) : strings.agentLeft(name)}
            </p>
          );
        }
        const { message } = row;
        const previous = rows[index - 1];
        const sameAgentAsBefore =
          previous?.kind === 'message' &&
          previous.message.sender.type === 'agent' &&
          previous.message.sender.id === message.sender.id;
        return (
          <MessageRow
            key={message.id}
            message={message}
            baseUrl={baseUrl}
            showSender={!sameAgentAsBefore}
            seen={message === lastVisitorMessage && message.seq <= agentReadSeq}
            strings={strings}
            locale={locale}
          />
        );
      })}
      {outbox.map((pending) => (
        <PendingRow
          key={pending.clientMessageId}
          pending={pending}
          strings={strings}
          onRetry={onRetry}
        />
      ))}
    </div>
  );
}
