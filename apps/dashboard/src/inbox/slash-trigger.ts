import type { CannedReplyView, Jsonified } from '@app/contracts';

/** A `/shortcut` being typed: the text from `start` (the slash) to `end` (the caret). */
export interface SlashTrigger {
  start: number;
  end: number;
  /** What follows the slash, in lower case (shortcuts are). */
  query: string;
}

// A slash, then shortcut characters, right before the caret; upper case too, since shortcuts
// are matched whatever the case the agent types in.
const TRIGGER = /(^|\s)\/([a-zA-Z0-9_-]*)$/;

/**
 * The `/shortcut` the caret is at the end of, if the slash opens the box or follows whitespace
 * (so `and/or` or a URL opens nothing); null otherwise.
 */
export function findSlashTrigger(text: string, caret: number): SlashTrigger | null {
  const match = TRIGGER.exec(text.slice(0, caret));
  if (!match) return null;
  const start = match.index + match[1].length;
  return { start, end: caret, query: match[2].toLowerCase() };
}

type Suggestible = Pick<Jsonified<CannedReplyView>, 'shortcut' | 'title'>;

/** Replies whose shortcut starts with the query, then those whose title does; at most `limit`. */
export function matchCannedReplies<R extends Suggestible>(
  replies: readonly R[],
  query: string,
  limit = 8,
): R[] {
  const byShortcut = replies.filter((reply) => reply.shortcut.startsWith(query));
  const byTitle = replies.filter(
    (reply) =>
      !reply.shortcut.startsWith(query) && (reply.title ?? '').toLowerCase().startsWith(query),
  );
  return [...byShortcut, ...byTitle].slice(0, limit);
}

/** `text` with the trigger replaced by `inserted`, and where the caret goes: after it. */
export function replaceTrigger(
  text: string,
  trigger: SlashTrigger,
  inserted: string,
): { text: string; caret: number } {
  return {
    text: text.slice(0, trigger.start) + inserted + text.slice(trigger.end),
    caret: trigger.start + inserted.length,
  };
}
