import { type FormEvent, type KeyboardEvent, useEffect, useId, useMemo } from 'react';
import { useInbox } from './InboxProvider';
import { TypingSignal } from './typing-signal';

// The server's limit (MAX_MESSAGE_LENGTH of @app/contracts, whose values would bundle zod).
const MAX_LENGTH = 4000;
// The counter appears when the limit gets close, not on every short reply.
const COUNTER_FROM = MAX_LENGTH - 500;

interface ComposerProps {
  roomId: string;
  visitorName: string;
  draft: string;
  onDraftChange(text: string): void;
}

/** The reply box: Enter sends, Shift+Enter starts a new line; the visitor sees the agent typing. */
export function Composer({ roomId, visitorName, draft, onDraftChange }: ComposerProps) {
  const { actions } = useInbox();
  const inputId = useId();
  const counterId = useId();
  const typing = useMemo(
    () => new TypingSignal((isTyping) => actions.typing(roomId, isTyping)),
    [actions, roomId],
  );
  useEffect(() => () => typing.stop(), [typing]);

  const body = draft.trim();
  const tooLong = draft.length > MAX_LENGTH;
  const canSend = body.length > 0 && !tooLong;

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    typing.stop();
    actions.send(roomId, body);
    onDraftChange('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // An Enter that confirms an input method's composition (Japanese, Chinese) is not a send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="inbox-composer" onSubmit={send} aria-label="Reply">
      <label htmlFor={inputId} className="sr-only">
        Reply to {visitorName}
      </label>
      <textarea
        id={inputId}
        className="inbox-composer-input"
        value={draft}
        rows={3}
        placeholder={`Reply to ${visitorName}…`}
        aria-describedby={counterId}
        aria-invalid={tooLong}
        onChange={(event) => {
          onDraftChange(event.target.value);
          if (event.target.value) typing.keystroke();
          else typing.stop();
        }}
        onKeyDown={onKeyDown}
        onBlur={() => typing.stop()}
      />
      <div className="inbox-composer-footer">
        <span id={counterId} className={`inbox-composer-hint${tooLong ? ' is-over' : ''}`}>
          {draft.length >= COUNTER_FROM
            ? `${draft.length.toLocaleString()} / ${MAX_LENGTH.toLocaleString()} characters`
            : 'Enter to send · Shift+Enter for a new line'}
        </span>
        <button type="submit" className="button primary" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  );
}
