import { accessToken } from './session';

/** An error answer of the Parley API: `{ statusCode, code, message, errors? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { field: string; message: string }[] = [],
    /** From a 429's `Retry-After`, and a 500's `errorId` (which matches the server log). */
    readonly details: { retryAfterSeconds?: number; errorId?: string } = {},
  ) {
    super(message);
  }

  /** The message for one field of a 400, to show beside that field. */
  fieldError(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.message;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Calls made before signing in (sign-up, login) send no token. */
  anonymous?: boolean;
}

function urlOf(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(path: string, options: RequestOptions, token: string | null) {
  const headers: Record<string, string> = {};
  // A form (a file upload) goes as multipart, with the boundary the browser chooses.
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(urlOf(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: form
      ? (options.body as FormData)
      : options.body === undefined
        ? undefined
        : JSON.stringify(options.body),
  });
}

/**
 * Calls the API at `path` (e.g. `/api/tenant/chatbots`) with the session's access token,
 * refreshing it once if the server refuses it. Resolves to the JSON answer (undefined for 204);
 * rejects with an ApiError.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options, options.anonymous ? null : await accessToken());
  if (response.status === 401 && !options.anonymous) {
    const renewed = await accessToken(true);
    if (renewed) response = await send(path, options, renewed);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const answer = parseJson(text);
  if (!response.ok) {
    const error = (answer ?? {}) as {
      code?: string;
      message?: string;
      errors?: [];
      errorId?: string;
    };
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      error.code ?? `http_${response.status}`,
      error.message ?? response.statusText,
      error.errors,
      { retryAfterSeconds: retryAfter > 0 ? retryAfter : undefined, errorId: error.errorId },
    );
  }
  return answer as T;
}

// A proxy's error page (nginx's 502 while a service restarts) is HTML, not JSON.
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A message for any error, fit to show to the user. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
