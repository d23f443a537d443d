import { useState } from 'react';
import { TextField } from './fields';

/** The tenant service's rule (docs/api.md), shown before the user trips over it. */
export const PASSWORD_RULE =
  'At least 10 characters, with a letter and a digit or symbol (at most 72 bytes).';

/** A password input with a Show/Hide toggle; `isNew` shows the rule and asks for a new-password autofill. */
export function PasswordField({
  label = 'Password',
  name = 'password',
  value,
  onChange,
  isNew = false,
  error,
}: {
  label?: string;
  name?: string;
  value: string;
  onChange(value: string): void;
  isNew?: boolean;
  error?: string;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <TextField
        label={label}
        name={name}
        type={visible ? 'text' : 'password'}
        value={value}
        onChange={onChange}
        autoComplete={isNew ? 'new-password' : 'current-password'}
        hint={isNew ? PASSWORD_RULE : undefined}
        error={error}
        required
      />
      <button
        type="button"
        className="password-toggle"
        onClick={() => setVisible((shown) => !shown)}
        aria-pressed={visible}
      >
        {visible ? 'Hide' : 'Show'}
        <span className="sr-only"> password</span>
      </button>
    </div>
  );
}
