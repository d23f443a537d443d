import { fillPlaceholders } from '@app/contracts/rest/canned-reply-placeholders';
import {
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useMemo,
  useState,
} from 'react';
import { ApiError } from '../api/client';
import { useMe } from '../auth/SessionProvider';
import { explainError } from '../ui/explainError';
import { CannedReplySuggestions } from './CannedReplySuggestions';
import { uploadAttachment } from './chat-api';
import { useInbox } from './InboxProvider';
import { TypingSignal } from './typing-signal';
import { useCannedReplies } from './useCannedReplies';
import { useCannedReplySuggestions } from './useCannedReplySuggestions';

// The server's limit (MAX_MESSAGE_LENGTH of @app/contracts, whose values would bundle zod).
const MAX_LENGTH = 4000;
// The counter appears when the limit gets close, not on every short reply.
const COUNTER_FROM = MAX_LENGTH - 500;

/** A reply goes to the visitor; a private note to the agents only. */
export type ComposerMode = 'reply' | 'note';

interface ComposerProps {
  roomId: string;
  visitorName: string;
  /** As the visitor gave them ('' when not): what a canned reply's placeholders are filled with. */
  visitor: { name: string; email: string };
  draft: string;
  onDraftChange(text: string): void;
  /** What the box can write: both in the agent's own chat, notes only elsewhere. */
  modes: readonly ComposerMode[];
  onAddNote(body: string): Promise<void>;
}

/** What to tell the agent when a file was refused. */
function uploadRefusal(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 413) return 'This file is too large to send.';
    if (error.status === 415) return 'This kind of file cannot be sent in this workspace.';
    if (error.status === 503) return 'Files cannot be sent right now; messages still go through.';
    return error.message;
  }
  return 'The file could not be sent.';
}

/**
 * The reply box: Enter sends, Shift+Enter starts a new line; the visitor sees the agent typing.
 * A file (the attach button, or dropped on the box) goes up first, then as a message of its own.
 * In note mode it writes a private note instead: no typing signal, no files, never the visitor.
 * In both, `/` and a shortcut offer the canned replies; the one picked replaces the `/shortcut`.
 */
export function Composer({
  roomId,
  visitorName,
  visitor,
  draft,
  onDraftChange,
  modes,
  onAddNote,
}: ComposerProps) {
  const { actions } = useInbox();
  const me = useMe();
  const [chosenMode, setMode] = useState<ComposerMode>(modes[0]);
  const mode = modes.includes(chosenMode) ? chosenMode : modes[0];
  const [noteDraft, setNoteDraft] = useState('');
  const [noteState, setNoteState] = useState<{ sending: boolean; error: string | null }>({
    sending: false,
    error: null,
  });
  const inputId = useId();
  const counterId = useId();
  const typing = useMemo(
    () => new TypingSignal((isTyping) => actions.typing(roomId, isTyping)),
    [actions, roomId],
  );
  useEffect(() => () => typing.stop(), [typing]);

  const [upload, setUpload] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const attachId = useId();

  const attach = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ busy: true, error: null });
    try {
      const uploaded = await uploadAttachment(roomId, file);
      actions.send(roomId, '', [uploaded.id]);
      setUpload({ busy: false, error: null });
    } catch (error) {
      setUpload({ busy: false, error: uploadRefusal(error) });
    }
  };

  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    if (!event.dataTransfer.files.length) return;
    event.preventDefault();
    void attach(event.dataTransfer.files[0]);
  };

  const noting = mode === 'note';
  const text = noting ? noteDraft : draft;
  const body = text.trim();
  const tooLong = text.length > MAX_LENGTH;
  const canSend = body.length > 0 && !tooLong && !(noting && noteState.sending);

  const write = (value: string) => {
    if (noting) {
      setNoteDraft(value);
      return;
    }
    onDraftChange(value);
    if (value) typing.keystroke();
    else typing.stop();
  };

  const cannedReplies = useCannedReplies(me.user.id);
  const suggestions = useCannedReplySuggestions({
    text,
    replies: cannedReplies,
    fill: (template) =>
      fillPlaceholders(template, {
        'visitor.name': visitor.name,
        'visitor.email': visitor.email,
        'agent.name': me.user.name,
      }),
    write,
  });

  const addNote = async () => {
    setNoteState({ sending: true, error: null });
    try {
      await onAddNote(body);
      setNoteDraft('');
      setNoteState({ sending: false, error: null });
    } catch (error) {
      setNoteState({ sending: false, error: explainError(error) });
    }
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    if (noting) {
      void addNote();
      return;
    }
    typing.stop();
    actions.send(roomId, body);
    onDraftChange('');
  };

  const cannedHint = cannedReplies.length > 0 ? ' · / for canned replies' : '';

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.onKeyDown(event)) return;
    // An Enter that confirms an input method's composition (Japanese, Chinese) is not a send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      className={`inbox-composer${noting ? ' is-note' : ''}`}
      onSubmit={send}
      aria-label={noting ? 'Private note' : 'Reply'}
      onDragOver={(event) => event.preventDefault()}
      onDrop={noting ? undefined : onDrop}
    >
      {modes.length > 1 && (
        <div className="segmented inbox-composer-modes" role="group" aria-label="Write">
          {modes.map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={mode === choice}
              onClick={() => {
                typing.stop();
                suggestions.forgetCaret();
                setMode(choice);
              }}
            >
              {choice === 'reply' ? 'Reply' : 'Private note'}
            </button>
          ))}
        </div>
      )}
      {suggestions.list && <CannedReplySuggestions {...suggestions.list} />}
      <label htmlFor={inputId} className="sr-only">
        {noting ? `Private note about ${visitorName}` : `Reply to ${visitorName}`}
      </label>
      <textarea
        ref={suggestions.boxRef}
        id={inputId}
        className="inbox-composer-input"
        value={text}
        rows={3}
        placeholder={
          noting ? 'Write a private note: only agents see it…' : `Reply to ${visitorName}…`
        }
        aria-describedby={counterId}
        aria-invalid={tooLong}
        {...suggestions.boxProps}
        onChange={(event) => {
          suggestions.onChange(event);
          write(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          suggestions.onBlur();
          typing.stop();
        }}
      />
      <div className="inbox-composer-footer">
        <span id={counterId} className={`inbox-composer-hint${tooLong ? ' is-over' : ''}`}>
          {text.length >= COUNTER_FROM
            ? `${text.length.toLocaleString()} / ${MAX_LENGTH.toLocaleString()} characters`
            : noting
              ? `Only agents see notes · Enter to add${cannedHint}`
              : `Enter to send · Shift+Enter for a new line${cannedHint}`}
        </span>
        {noteState.error && noting && (
          <span className="inbox-composer-hint is-over" role="alert">
            {noteState.error}
          </span>
        )}
        {(upload.busy || upload.error) && (
          <span className="inbox-composer-hint is-over" role={upload.error ? 'alert' : 'status'}>
            {upload.error ?? 'Uploading…'}
          </span>
        )}
        {!noting && (
          <>
            <label className="button" htmlFor={attachId} aria-disabled={upload.busy}>
              Attach
            </label>
            <input
              id={attachId}
              type="file"
              className="sr-only"
              disabled={upload.busy}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                void attach(file);
              }}
            />
          </>
        )}
        <button type="submit" className="button primary" disabled={!canSend}>
          {noting ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
