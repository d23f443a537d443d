import { explainError } from './explainError';

/** An error in words, announced to screen readers; nothing when there is none. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === undefined || error === null || error === '') return null;
  return (
    <p className="alert alert-error" role="alert">
      {explainError(error)}
    </p>
  );
}
