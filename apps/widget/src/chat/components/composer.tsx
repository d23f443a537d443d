import type { MAX_MESSAGE_LENGTH as MaxLength } from '@app/contracts';
import { useRef, useState } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import { AttachIcon, SendIcon } from './icons';

// The server's limit, restated because a value import would bundle zod; its type is the
// contract's literal, so the two cannot drift apart without a compile error.
const MAX_LENGTH: typeof MaxLength = 4000;
// The textarea grows with its text up to this height, then scrolls.
const MAX_HEIGHT_PX = 140;

interface ComposerProps {
  strings: Strings;
  onSend(body: string): void;
  /** Uploads a file and sends it; resolves with what to tell the visitor if it failed. */
  onAttach(file: File): Promise<string | null>;
  onKeystroke(): void;
  onStopTyping(): void;
}

/** The send box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ strings, onSend, onAttach, onKeystroke, onStopTyping }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const [upload, setUpload] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
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

  const attach = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setUpload({ busy: true, error: null });
    setUpload({ busy: false, error: await onAttach(file) });
  };

  return (
    <form class="parley-composer" onSubmit={send}>
      <label class="parley-button parley-attach" title={strings.attach} aria-busy={upload.busy}>
        <input
          type="file"
          class="parley-visually-hidden"
          aria-label={strings.attach}
          disabled={upload.busy}
          onChange={attach}
        />
        <AttachIcon />
      </label>
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
      {(upload.busy || upload.error) && (
        <p class="parley-field-error" role={upload.error ? 'alert' : 'status'}>
          {upload.error ?? strings.uploading}
        </p>
      )}
      {tooLong && (
        <p id="parley-composer-error" class="parley-field-error" role="alert">
          {strings.tooLong(MAX_LENGTH)}
        </p>
      )}
    </form>
  );
}
