import {
  type ChangeEvent,
  type KeyboardEvent,
  type SyntheticEvent,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { CannedReply } from '../canned-replies/cannedReplyTypes';
import { suggestionId } from './CannedReplySuggestions';
import { findSlashTrigger, matchCannedReplies, replaceTrigger } from './slash-trigger';

type Box = HTMLTextAreaElement;

/**
 * The `/shortcut` suggestions of a text box (the combobox pattern on the box, the list a
 * listbox): open while the focused box's caret ends a `/shortcut` that matches a reply; the
 * arrow keys move, Enter or Tab (or a click) inserts `fill(body)` in place of the `/shortcut`,
 * Escape closes the list until another `/` is typed.
 */
export function useCannedReplySuggestions({
  text,
  replies,
  fill,
  write,
}: {
  text: string;
  replies: CannedReply[];
  fill(body: string): string;
  write(text: string): void;
}) {
  const listId = useId();
  const box = useRef<Box>(null);
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [highlight, setHighlight] = useState({ trigger: '', index: 0 });
  // Where the caret goes once an inserted reply is in the box (React sets the value first).
  const caretAfterInsert = useRef<number | null>(null);

  const trigger = findSlashTrigger(text, caret);
  const triggerKey = trigger ? `${trigger.start}:${trigger.query}` : '';
  const matches =
    focused && trigger && trigger.start !== dismissedAt
      ? matchCannedReplies(replies, trigger.query)
      : [];
  const open = matches.length > 0;
  const active =
    highlight.trigger === triggerKey ? Math.min(highlight.index, matches.length - 1) : 0;

  useLayoutEffect(() => {
    const at = caretAfterInsert.current;
    if (at === null || !box.current) return;
    caretAfterInsert.current = null;
    box.current.setSelectionRange(at, at);
    box.current.focus();
  });

  const pick = (reply: CannedReply) => {
    if (!trigger) return;
    const next = replaceTrigger(text, trigger, fill(reply.body));
    write(next.text);
    setCaret(next.caret);
    caretAfterInsert.current = next.caret;
  };
  const highlightAt = (index: number) => setHighlight({ trigger: triggerKey, index });

  return {
    boxRef: box,
    /** For `CannedReplySuggestions`, while open. */
    list: open
      ? { id: listId, replies: matches, active, onPick: pick, onHighlight: highlightAt }
      : null,
    boxProps: {
      'aria-autocomplete': 'list' as const,
      'aria-controls': open ? listId : undefined,
      'aria-activedescendant': open ? suggestionId(listId, active) : undefined,
      onSelect: (event: SyntheticEvent<Box>) => setCaret(event.currentTarget.selectionStart),
      onFocus: () => setFocused(true),
    },
    /** Call from the box's onChange, with its own handling. */
    onChange(event: ChangeEvent<Box>) {
      const { value, selectionStart } = event.target;
      setCaret(selectionStart);
      if (!findSlashTrigger(value, selectionStart)) setDismissedAt(null);
    },
    onBlur: () => setFocused(false),
    /** Call first from the box's onKeyDown: true when the key acted on the open list. */
    onKeyDown(event: KeyboardEvent<Box>): boolean {
      if (!open || !trigger) return false;
      const move = (by: number) => highlightAt((active + by + matches.length) % matches.length);
      if (event.key === 'ArrowDown') move(1);
      else if (event.key === 'ArrowUp') move(-1);
      else if (event.key === 'Escape') setDismissedAt(trigger.start);
      else if (
        (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) ||
        event.key === 'Tab'
      )
        pick(matches[active]);
      else return false;
      event.preventDefault();
      return true;
    },
    /** The box now shows other text (Reply / Private note): its caret is read again on use. */
    forgetCaret: () => setCaret(0),
  };
}
