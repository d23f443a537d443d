/** What both Tinybird clients (the sink and the queries) read from an answer. */

/** Tinybird answers errors as `{ "error": "..." }`; anything else is shown as it came. */
export function errorOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: the text itself is the best description
  }
  return text.slice(0, 500) || '(no body)';
}
