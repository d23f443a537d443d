/**
 * What a saved reply may write as `{{name}}`: filled in the composer when the reply is
 * inserted. No zod here: the dashboard imports this file.
 */
export const CANNED_REPLY_PLACEHOLDERS = ['visitor.name', 'visitor.email', 'agent.name'] as const;

export type CannedReplyPlaceholder = (typeof CANNED_REPLY_PLACEHOLDERS)[number];

// `{{ visitor.name }}` too: spaces inside the braces are a common way of writing them.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const isKnown = (name: string): name is CannedReplyPlaceholder =>
  (CANNED_REPLY_PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders in `body` that are none of ours (typos), each once, in order. */
export function unknownPlaceholders(body: string): string[] {
  const names = [...body.matchAll(PLACEHOLDER)].map((match) => match[1]);
  return [...new Set(names.filter((name) => !isKnown(name)))];
}

/** `body` with each known placeholder replaced by its value; a value not known becomes ''. */
export function fillPlaceholders(
  body: string,
  values: Partial<Record<CannedReplyPlaceholder, string | null>>,
): string {
  return body.replace(PLACEHOLDER, (written, name: string) =>
    isKnown(name) ? (values[name] ?? '') : written,
  );
}
