import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { useFieldError } from './formContext';

interface FieldProps {
  /** The control's id, which the label points at. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}

/** A label, a control, a hint and an error under one another; for controls of your own. */
export function Field({ id, label, hint, error, children, className }: FieldProps) {
  return (
    <div className={['field', error ? 'field-invalid' : '', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria attributes that tie a control to its hint and error. */
function describedBy(id: string, hint: ReactNode, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

/** The control's id, and its error: the one given, else the form's for `name`. */
function useControl(name: string | undefined, error: string | undefined) {
  const id = useId();
  const fromForm = useFieldError(name);
  return { id, message: error ?? fromForm };
}

interface LabelledProps {
  label: ReactNode;
  /** The field's name in the API's answers: its 400 errors appear under it. */
  name?: string;
  hint?: ReactNode;
  /** Shown instead of the form's error for `name` (e.g. the API's, reworded). */
  error?: string;
  className?: string;
}

type TextFieldProps = LabelledProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'name'> & {
    value: string;
    onChange(value: string): void;
  };

export function TextField({
  label,
  name,
  hint,
  error,
  className,
  value,
  onChange,
  ...input
}: TextFieldProps) {
  const { id, message } = useControl(name, error);
  return (
    <Field id={id} label={label} hint={hint} error={message} className={className}>
      <input
        id={id}
        name={name}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...describedBy(id, hint, message)}
        {...input}
      />
    </Field>
  );
}

type TextAreaFieldProps = LabelledProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'name'> & {
    value: string;
    onChange(value: string): void;
  };

export function TextAreaField({
  label,
  name,
  hint,
  error,
  className,
  value,
  onChange,
  ...textarea
}: TextAreaFieldProps) {
  const { id, message } = useControl(name, error);
  return (
    <Field id={id} label={label} hint={hint} error={message} className={className}>
      <textarea
        id={id}
        name={name}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...describedBy(id, hint, message)}
        {...textarea}
      />
    </Field>
  );
}

type SelectFieldProps<V extends string> = LabelledProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'name'> & {
    value: V;
    onChange(value: V): void;
    options: readonly { value: V; label: string }[];
  };

export function SelectField<V extends string>({
  label,
  name,
  hint,
  error,
  className,
  value,
  onChange,
  options,
  ...select
}: SelectFieldProps<V>) {
  const { id, message } = useControl(name, error);
  return (
    <Field id={id} label={label} hint={hint} error={message} className={className}>
      <select
        id={id}
        name={name}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value as V)}
        {...describedBy(id, hint, message)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

type CheckboxFieldProps = Omit<LabelledProps, 'error'> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'checked' | 'name' | 'type'> & {
    checked: boolean;
    onChange(checked: boolean): void;
  };

/** A checkbox with its label beside it. */
export function CheckboxField({
  label,
  name,
  hint,
  className,
  checked,
  onChange,
  ...input
}: CheckboxFieldProps) {
  const { id, message } = useControl(name, undefined);
  return (
    <div className={['checkbox-field', className].filter(Boolean).join(' ')}>
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        {...describedBy(id, hint, message)}
        {...input}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {message && (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}
