import { createContext, useContext, useEffect } from 'react';

interface FormState {
  fieldErrors(field: string): { field: string; message: string }[];
  /** A field shows its own errors; the form's general message leaves them out. */
  claim(field: string): () => void;
}

export const FormContext = createContext<FormState | null>(null);

/**
 * The error of the enclosing form's last submission for `field` (and the fields under it),
 * or undefined. Outside a form, or without a name, there is none.
 */
export function useFieldError(field: string | undefined): string | undefined {
  const form = useContext(FormContext);
  useEffect(() => (form && field ? form.claim(field) : undefined), [form, field]);
  if (!form || !field) return undefined;
  const errors = form.fieldErrors(field);
  return errors.length ? errors.map((error) => error.message).join('; ') : undefined;
}
