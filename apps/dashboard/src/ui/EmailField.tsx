import { TextField } from './fields';

/** The user's own email address, as the sign-in, sign-up and reset forms ask for it. */
export function EmailField({
  label = 'Email',
  value,
  onChange,
  autoFocus = false,
}: {
  label?: string;
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      label={label}
      name="email"
      type="email"
      autoComplete="email"
      value={value}
      onChange={onChange}
      required
      autoFocus={autoFocus}
    />
  );
}
