import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { explainError } from './explainError';

export interface Submission<A extends unknown[] = []> {
  /** Runs the action once at a time; a failure lands in `error` instead of being thrown. */
  run(...args: A): Promise<void>;
  sending: boolean;
  error: unknown;
  /** Every field error of a 400 at `field` or under it (`allowedOrigins` covers `allowedOrigins.2`). */
  fieldErrors(field: string): { field: string; message: string }[];
  clearError(): void;
}

/**
 * `fieldOfCode` shows an error code beside a field, as if it were that field's 400
 * (`{ email_taken: 'email' }`); pass a constant, not a new object each render.
 */
export function useSubmit<A extends unknown[] = []>(
  action: (...args: A) => Promise<unknown>,
  fieldOfCode?: Record<string, string>,
): Submission<A> {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  // A ref, not the state: two clicks in one frame both see `sending` still false.
  const busy = useRef(false);

  const run = useCallback(
    async (...args: A) => {
      if (busy.current) return;
      busy.current = true;
      setSending(true);
      setError(undefined);
      try {
        await action(...args);
      } catch (failure) {
        setError(attachToField(failure, fieldOfCode));
      } finally {
        busy.current = false;
        setSending(false);
      }
    },
    [action, fieldOfCode],
  );

  const fieldErrors = useCallback(
    (field: string) =>
      error instanceof ApiError
        ? error.errors.filter(
            (entry) => entry.field === field || entry.field.startsWith(`${field}.`),
          )
        : [],
    [error],
  );

  const clearError = useCallback(() => setError(undefined), []);
  return { run, sending, error, fieldErrors, clearError };
}

function attachToField(error: unknown, fieldOfCode?: Record<string, string>): unknown {
  const field = error instanceof ApiError ? fieldOfCode?.[error.code] : undefined;
  if (!field || !(error instanceof ApiError)) return error;
  return new ApiError(
    error.status,
    error.code,
    error.message,
    [{ field, message: explainError(error) }],
    error.details,
  );
}
