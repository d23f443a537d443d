export interface FieldError {
  field: string;
  message: string;
}

/** A refused call: `status` 0 when the server could not be reached at all. */
export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  errors: FieldError[];
  retryAfterSeconds?: number;
  /** What some errors carry to recover with (e.g. the new journey of `journey_changed`). */
  details?: Record<string, unknown>;
}

export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; failure: ApiFailure };

// A server that accepts the connection and never answers must not leave the widget spinning.
const TIMEOUT_MS = 15_000;

/**
 * POSTs JSON to the Parley API, as the visitor of a room when given their token; never throws,
 * so every caller has to handle the failure.
 */
export function postJson<T>(
  url: string,
  body: unknown,
  visitorToken?: string,
): Promise<ApiAnswer<T>> {
  return callApi(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(visitorToken ? { authorization: `Bearer ${visitorToken}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** POSTs a multipart form (a file upload); never throws. */
export function postForm<T>(url: string, body: FormData): Promise<ApiAnswer<T>> {
  return callApi(url, { method: 'POST', body });
}

/** POSTs a file (multipart, field `file`) as the visitor of a room; never throws. */
export function postFileAsVisitor<T>(
  url: string,
  visitorToken: string,
  file: Blob,
): Promise<ApiAnswer<T>> {
  const form = new FormData();
  form.append('file', file);
  return callApi(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${visitorToken}` },
    body: form,
  });
}

/** GETs from the Parley API as the visitor of a room; never throws. */
export function getAsVisitor<T>(url: string, visitorToken: string): Promise<ApiAnswer<T>> {
  return callApi(url, { headers: { authorization: `Bearer ${visitorToken}` } });
}

async function callApi<T>(url: string, init: RequestInit): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return { ok: false, failure: { status: 0, code: 'network_error', message: '', errors: [] } };
  }
  const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok) return { ok: true, data: answer as T };
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    failure: {
      status: response.status,
      code: typeof answer?.code === 'string' ? answer.code : `http_${response.status}`,
      message: typeof answer?.message === 'string' ? answer.message : '',
      errors: Array.isArray(answer?.errors) ? (answer.errors as FieldError[]) : [],
      retryAfterSeconds: retryAfter > 0 ? retryAfter : undefined,
      details:
        typeof answer?.details === 'object' && answer.details !== null
          ? (answer.details as Record<string, unknown>)
          : undefined,
    },
  };
}
