import type { Strings } from '../../i18n/en';

/** A field's visible label text, with a required marker that screen readers get as a word. */
export function LabelText({
  label,
  required,
  strings,
}: {
  label: string;
  required?: boolean;
  strings: Strings;
}) {
  return (
    <>
      {label}
      {required && (
        <>
          <span class="parley-required" aria-hidden="true">
            {' *'}
          </span>
          <span class="parley-visually-hidden">{` (${strings.required})`}</span>
        </>
      )}
    </>
  );
}

/** The message beside a field; inputs point at it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} class="parley-field-error">
      {message}
    </p>
  ) : null;
}
