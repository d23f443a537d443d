import type { Strings } from '../../i18n/en';
import type { Answer } from '../prechat/pre-chat-values';
import { FieldError, LabelText } from './field-label';

// Past this many options a single choice is a drop-down rather than a column of radios.
const MAX_RADIOS = 5;

/** A choice question as the field draws it: its options' texts. */
export interface ChoiceQuestion {
  label: string;
  type: 'single-choice' | 'multiple-choice';
  required: boolean;
  options?: string[];
}

interface ChoiceFieldProps {
  id: string;
  question: ChoiceQuestion;
  value: Answer | undefined;
  error?: string;
  strings: Strings;
  onChange(answer: Answer): void;
}

function SelectChoice({ id, question, value, error, strings, onChange }: ChoiceFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div class="parley-field">
      <label class="parley-label" for={id}>
        <LabelText label={question.label} required={question.required} strings={strings} />
      </label>
      <select
        id={id}
        class="parley-input"
        value={typeof value === 'string' ? value : ''}
        required={question.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="">{strings.selectPlaceholder}</option>
        {question.options?.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** Radios (single choice) or checkboxes (multiple choice) in a fieldset named by the question. */
function OptionList({ id, question, value, error, strings, onChange }: ChoiceFieldProps) {
  const multiple = question.type === 'multiple-choice';
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  const errorId = `${id}-error`;
  const toggle = (option: string, checked: boolean) => {
    if (!multiple) return onChange(option);
    const others = chosen.filter((known) => known !== option);
    // Keep the form's order of options, whatever order they were ticked in.
    const next = checked ? [...others, option] : others;
    onChange(question.options?.filter((known) => next.includes(known)) ?? next);
  };
  return (
    <fieldset
      class="parley-field"
      aria-describedby={error ? errorId : undefined}
      aria-required={question.required && !multiple ? 'true' : undefined}
    >
      <legend class="parley-label">
        <LabelText label={question.label} required={question.required} strings={strings} />
      </legend>
      {question.options?.map((option, index) => (
        <label key={option} class="parley-choice">
          <input
            id={index === 0 ? id : undefined}
            type={multiple ? 'checkbox' : 'radio'}
            name={id}
            value={option}
            checked={chosen.includes(option)}
            aria-invalid={error ? 'true' : undefined}
            onChange={(event) => toggle(option, event.currentTarget.checked)}
          />
          <span>{option}</span>
        </label>
      ))}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}

export function ChoiceField(props: ChoiceFieldProps) {
  const long = (props.question.options?.length ?? 0) > MAX_RADIOS;
  return props.question.type === 'single-choice' && long ? (
    <SelectChoice {...props} />
  ) : (
    <OptionList {...props} />
  );
}
