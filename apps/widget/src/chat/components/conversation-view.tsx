import { useEffect } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import { uploadAttachment } from '../../shared/widget-api';
import { useAttention } from '../hooks/use-attention';
import { useVisitorConversation } from '../hooks/use-visitor-conversation';
import type { ConversationState } from '../state/conversation-state';
import { Composer } from './composer';
import { ConversationEnded } from './conversation-ended';
import { CsatPrompt } from './csat-prompt';
import { MessageLog } from './message-log';

export interface ConversationViewProps {
  baseUrl: string;
  roomId: string;
  visitorToken: string;
  strings: Strings;
  /** The visitor's language tag, for times ("en-GB" writes 14:05, "en-US" 2:05 PM). */
  timeLocale: string;
  visible: boolean;
  /** The `seq` the visitor had seen before this page load. */
  initiallySeen: number;
  onSeen?(seq: number): void;
  onUnread?(count: number): void;
  onClosed?(): void;
  onUnauthorized(): void;
  /** Offered once the room is closed; absent where a new conversation cannot be started. */
  onStartNew?(): void;
}

function roomStatusText({ room }: ConversationState, strings: Strings): string {
  if (!room) return strings.connecting;
  // The end is told where the send box was, with the way to start again.
  if (room.status === 'closed') return '';
  return room.agent ? strings.chattingWith(room.agent.name || strings.agent) : strings.waiting;
}

/** What to tell the visitor when a file was refused: too large, of a refused kind, or no store. */
function uploadRefusal(status: number, strings: Strings): string {
  if (status === 413) return strings.fileTooLarge;
  if (status === 415) return strings.fileRefused;
  if (status === 503) return strings.filesUnavailable;
  return strings.failed;
}

/** A live conversation: who is there, the messages, and the send box. */
export function ConversationView(props: ConversationViewProps) {
  const { strings, visible, onSeen, onUnread, onClosed } = props;
  const { state, send, retry, typing } = useVisitorConversation({
    baseUrl: props.baseUrl,
    roomId: props.roomId,
    visitorToken: props.visitorToken,
    visible,
    onUnauthorized: props.onUnauthorized,
    agentFallbackName: strings.agent,
  });
  const { seenSeq, unread } = useAttention(state.timeline, visible, props.initiallySeen);
  const closed = state.room?.status === 'closed';

  // A file goes up first, then as a message of its own that carries it.
  const attach = async (file: File): Promise<string | null> => {
    const answer = await uploadAttachment(props.baseUrl, props.roomId, props.visitorToken, file);
    if (!answer.ok) return uploadRefusal(answer.failure.status, strings);
    send('', [answer.data.id]);
    return null;
  };

  useEffect(() => onSeen?.(seenSeq), [seenSeq, onSeen]);
  useEffect(() => onUnread?.(unread), [unread, onUnread]);
  useEffect(() => {
    if (closed) onClosed?.();
  }, [closed, onClosed]);

  return (
    <>
      <p class="parley-room-status">{roomStatusText(state, strings)}</p>
      <p class="parley-banner" role="status">
        {state.connection === 'reconnecting' ? strings.reconnecting : ''}
      </p>
      <MessageLog
        state={state}
        baseUrl={props.baseUrl}
        strings={strings}
        locale={props.timeLocale}
        visible={visible}
        onRetry={retry}
      />
      <p class="parley-typing" aria-hidden="true">
        {state.agentTyping ? strings.typing(state.agentTyping) : ''}
      </p>
      {closed ? (
        <>
          {state.room?.reason === 'resolved' && (
            <CsatPrompt
              baseUrl={props.baseUrl}
              roomId={props.roomId}
              visitorToken={props.visitorToken}
              strings={strings}
              rated={state.room.csat}
            />
          )}
          <ConversationEnded strings={strings} onStartNew={props.onStartNew} />
        </>
      ) : (
        <Composer
          strings={strings}
          onSend={send}
          onAttach={attach}
          onKeystroke={typing.keystroke}
          onStopTyping={typing.stop}
        />
      )}
    </>
  );
}
