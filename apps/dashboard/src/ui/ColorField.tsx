import { useId } from 'react';
import { Field } from './fields';
import { useFieldError } from './formContext';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A colour as `#rrggbb`: a picker and the hex code beside it, kept in step. */
export function ColorField({
  label,
  name,
  value,
  onChange,
  hint,
}: {
  label: string;
  name?: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
}) {
  const id = useId();
  const fromForm = useFieldError(name);
  const error = fromForm ?? (HEX.test(value) ? undefined : 'A colour such as #4f46e5.');
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <div className="color-input">
        <input
          type="color"
          aria-label={`${label}: picker`}
          value={HEX.test(value) ? value : '#000000'}
          onChange={(event) => onChange(event.target.value)}
        />
        <input
          id={id}
          name={name}
          className="input mono"
          value={value}
          onChange={(event) => onChange(event.target.value.trim())}
          maxLength={7}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
    </Field>
  );
}
