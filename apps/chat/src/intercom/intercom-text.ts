import { decodeHTML } from 'entities';
import { MAX_MESSAGE_LENGTH } from '@app/contracts';

/** Tags after which the text goes on on a new line. */
const LINE_BREAKS = /<\s*(br\s*\/?|\/p|\/div|\/li|\/h[1-6]|\/blockquote|\/pre)\s*>/gi;
const TAGS = /<[^>]*>/g;

/**
 * A part's body as the visitor reads it: Intercom sends HTML (`<p>Hi!</p>`), Parley's clients
 * render text as text. Paragraphs and breaks become new lines, other tags go, entities are
 * decoded; cut to a message's length.
 */
export function intercomBodyToText(html: string): string {
  const text = decodeHTML(html.replace(LINE_BREAKS, '\n').replace(TAGS, ''))
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}
