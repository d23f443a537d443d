interface FailureFields {
  name?: unknown;
  code?: unknown;
  cause?: { code?: unknown } | null;
}

const fieldsOf = (error: unknown): FailureFields =>
  typeof error === 'object' && error !== null ? error : {};

/**
 * Whether a request was given up for want of an answer in time. `AbortSignal.timeout` makes
 * fetch reject with a DOMException named TimeoutError; an aborted signal, and node:http given
 * one, reject with an AbortError (code ABORT_ERR). The callers' only signal is their timeout,
 * so an abort counts as one too.
 */
export function isTimeout(error: unknown): boolean {
  const { name, code } = fieldsOf(error);
  return name === 'TimeoutError' || name === 'AbortError' || code === 'ABORT_ERR';
}

/**
 * The system error code behind a failed request (ECONNREFUSED, ENOTFOUND, ECONNRESET…):
 * node:http puts it on the error itself, while fetch (undici) rejects with a bare
 * "fetch failed" TypeError and puts it on the error's `cause`.
 */
export function networkErrorCode(error: unknown): string | undefined {
  const { code, cause } = fieldsOf(error);
  if (typeof code === 'string') return code;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * A failed fetch in a few words for a log line or an error's message: "no answer in time",
 * "network error (ECONNREFUSED)" or "network error". fetch's own message is only "fetch failed",
 * so the code is what says why.
 */
export function describeFetchFailure(error: unknown): string {
  if (isTimeout(error)) return 'no answer in time';
  const code = networkErrorCode(error);
  return code ? `network error (${code})` : 'network error';
}
