import type { MAX_MESSAGE_LENGTH as MaxLength } from '@app/contracts';
import { useRef, useState } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import { SendIcon } from './icons';

// The server's limit, restated because a value import would bundle zod; its type is the
// contract's literal, so the two cannot drift apart without a compile error.
const MAX_LENGTH: typeof MaxLength = 4000;
// The textarea grows with its text up to this height, then scrolls.
const MAX_HEIGHT_PX = 140;

interface ComposerProps {
  strings: Strings;
  onSend(body: string): void;
  onKeystroke(): void;
  onStopTyping(): void;
}

/** The send box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ strings, onSend, onKeystroke, onStopTyping }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const tooLong = draft.length > MAX_LENGTH;

  const fit = () => {
    const input = inputRef.current;
    if (!input) return;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_HEIGHT_PX)}px`;
  };

  const send = (event?: Event) => {
    event?.preventDefault();
    const body = draft.trim();
    if (!body || tooLong) return;
    onSend(body);
    onStopTyping();
    setDraft('');
    requestAnimationFrame(fit);
  };

  return (
    <form class="parley-composer" onSubmit={send}>
      <label class="parley-visually-hidden" for="parley-composer-input">
        {strings.messageLabel}
      </label>
      <textarea
        ref={inputRef}
        id="parley-composer-input"
        class="parley-input"
        rows={1}
        value={draft}
        placeholder={strings.messagePlaceholder}
        aria-invalid={tooLong ? 'true' : undefined}
        aria-describedby={tooLong ? 'parley-composer-error' : undefined}
        data-autofocus=""
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          fit();
          onKeystroke();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) send(event);
        }}
      />
      <button type="submit" class="parley-button parley-send" aria-label={strings.send}>
        <SendIcon />
      </button>
      {tooLong && (
        <p id="parley-composer-error" class="parley-field-error" role="alert">
          {strings.tooLong(MAX_LENGTH)}
        </p>
      )}
    </form>
  );
}
