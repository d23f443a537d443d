import type { CannedReply } from '../canned-replies/cannedReplyTypes';

/** The id of a suggestion, for the box's `aria-activedescendant`. */
export const suggestionId = (listId: string, index: number) => `${listId}-${index}`;

/**
 * The canned replies matching the `/shortcut` being typed, as a listbox the composer's box
 * controls: the box keeps the focus (arrow keys, Enter or Tab, Escape); a click inserts one.
 */
export function CannedReplySuggestions({
  id,
  replies,
  active,
  onPick,
  onHighlight,
}: {
  id: string;
  replies: CannedReply[];
  active: number;
  onPick(reply: CannedReply): void;
  onHighlight(index: number): void;
}) {
  return (
    <ul id={id} role="listbox" aria-label="Canned replies" className="inbox-canned">
      {replies.map((reply, index) => (
        <li
          key={reply.id}
          id={suggestionId(id, index)}
          role="option"
          aria-selected={index === active}
          className="inbox-canned-option"
          // Not a blur of the box: the box keeps the caret the reply goes at.
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => onHighlight(index)}
          onClick={() => onPick(reply)}
        >
          <span className="inbox-canned-shortcut">/{reply.shortcut}</span>
          {reply.title && <span className="inbox-canned-title">{reply.title}</span>}
          {reply.scope === 'personal' && <span className="inbox-canned-scope">Personal</span>}
          <span className="inbox-canned-body">{reply.body}</span>
        </li>
      ))}
    </ul>
  );
}
