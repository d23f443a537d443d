import type { Strings } from '../../i18n/en';
import { FieldError, LabelText } from './field-label';

interface TextFieldProps {
  id: string;
  label: string;
  type: 'text' | 'email' | 'number';
  value: string;
  error?: string;
  required?: boolean;
  maxLength: number;
  autoComplete?: string;
  autofocus?: boolean;
  /** Given by the host page (a signed-in user's verified email): shown, not editable. */
  readOnly?: boolean;
  strings: Strings;
  onInput(value: string): void;
}

export function TextField(props: TextFieldProps) {
  const { id, label, type, value, error, required, maxLength, autoComplete, strings } = props;
  const errorId = `${id}-error`;
  return (
    <div class="parley-field">
      <label class="parley-label" for={id}>
        <LabelText label={label} required={required} strings={strings} />
      </label>
      <input
        id={id}
        class="parley-input"
        type={type}
        value={value}
        required={required}
        maxLength={maxLength}
        autoComplete={autoComplete}
        readOnly={props.readOnly}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        data-autofocus={props.autofocus ? '' : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
