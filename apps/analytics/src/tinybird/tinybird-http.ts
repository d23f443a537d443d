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

/** `Retry-After` in seconds (what Tinybird sends) or as an HTTP date. */
export function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
