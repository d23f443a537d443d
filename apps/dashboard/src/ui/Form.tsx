import { type FormEvent, type ReactNode, useCallback, useMemo, useRef } from 'react';
import { ApiError } from '../api/client';
import { ErrorMessage } from './ErrorMessage';
import { FormContext } from './formContext';
import type { Submission } from './useSubmit';

interface FormProps {
  /** From useSubmit: runs on submit; its field errors reach the fields by their `name`. */
  submission: Submission;
  submitLabel: string;
  /** The submit button's text while sending (default: the label with "…"). */
  sendingLabel?: string;
  /** Disables the submit button, e.g. until something changed. */
  canSubmit?: boolean;
  /** More buttons beside the submit button (Cancel…). */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
}

/**
 * A form that submits through `submission`: the submit button is disabled while sending, each
 * field shows its own error from a 400, and everything else appears once above the buttons.
 */
export function Form({
  submission,
  submitLabel,
  sendingLabel,
  canSubmit = true,
  actions,
  children,
  className,
  'aria-label': ariaLabel,
}: FormProps) {
  const claimed = useRef(new Map<string, number>());
  const claim = useCallback((field: string) => {
    claimed.current.set(field, (claimed.current.get(field) ?? 0) + 1);
    return () => {
      const count = (claimed.current.get(field) ?? 1) - 1;
      if (count > 0) claimed.current.set(field, count);
      else claimed.current.delete(field);
    };
  }, []);
  const { fieldErrors, error, sending, run } = submission;
  const context = useMemo(() => ({ fieldErrors, claim }), [fieldErrors, claim]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run();
  };

  return (
    <FormContext.Provider value={context}>
      <form
        className={['form', className].filter(Boolean).join(' ')}
        onSubmit={onSubmit}
        noValidate
        aria-label={ariaLabel}
      >
        {children}
        <ErrorMessage error={generalError(error, [...claimed.current.keys()])} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={sending || !canSubmit}>
            {sending ? (sendingLabel ?? `${submitLabel}…`) : submitLabel}
          </button>
          {actions}
        </div>
      </form>
    </FormContext.Provider>
  );
}

/** What the fields do not already show: a 400's unclaimed field errors, or the whole error. */
function generalError(error: unknown, shownFields: string[]): unknown {
  if (!(error instanceof ApiError) || error.errors.length === 0) return error;
  const shown = (field: string) =>
    shownFields.some((name) => field === name || field.startsWith(`${name}.`));
  const rest = error.errors.filter((entry) => !shown(entry.field));
  if (rest.length === 0) return 'Please correct the fields marked above.';
  return rest.map((entry) => `${entry.field}: ${entry.message}`).join('; ');
}
