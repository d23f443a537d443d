import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import {
  blankDraft,
  type DraftField,
  FIELD_TYPES,
  type FieldProblem,
  idFromLabel,
  isChoice,
  MAX_FIELDS,
} from './preChatDraft';

interface PreChatFormEditorProps {
  fields: DraftField[];
  onChange(fields: DraftField[]): void;
  /** Shown once the admin has tried to save, not while they type. */
  problems: Map<string, FieldProblem>;
}

/**
 * The questions a visitor answers before the chat starts (name and email are always asked):
 * add, remove, reorder, and mark at most one single-choice question as the category.
 */
export function PreChatFormEditor({ fields, onChange, problems }: PreChatFormEditorProps) {
  const update = (key: string, change: Partial<DraftField>) =>
    onChange(
      fields.map((field) => {
        if (field.key === key) return { ...field, ...change };
        // One category only: choosing one clears the others.
        return change.category ? { ...field, category: false } : field;
      }),
    );

  const move = (index: number, by: -1 | 1) => {
    const next = [...fields];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange(next);
  };

  return (
    <div className="prechat-editor">
      {fields.length === 0 && (
        <p className="muted">No extra questions: visitors give their name and email, then chat.</p>
      )}
      <ol className="prechat-list">
        {fields.map((field, index) => {
          const problem = problems.get(field.key) ?? {};
          const path = `preChatForm.fields.${index}`;
          const number = index + 1;
          return (
            <li key={field.key} className="prechat-question" aria-label={`Question ${number}`}>
              <div className="prechat-question-header">
                <h4>Question {number}</h4>
                <div className="prechat-question-tools">
                  <button
                    type="button"
                    className="icon-button"
                    onClick={() => move(index, -1)}
                    disabled={index === 0}
                    aria-label={`Move question ${number} up`}
                    title="Move up"
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    onClick={() => move(index, 1)}
                    disabled={index === fields.length - 1}
                    aria-label={`Move question ${number} down`}
                    title="Move down"
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button small danger-outline"
                    onClick={() => onChange(fields.filter((other) => other.key !== field.key))}
                    aria-label={`Remove question ${number}`}
                  >
                    Remove
                  </button>
                </div>
              </div>
              <div className="form-grid">
                <TextField
                  label="Question"
                  name={`${path}.label`}
                  value={field.label}
                  error={problem.label}
                  placeholder="e.g. What is your order number?"
                  onChange={(label) =>
                    update(
                      field.key,
                      field.idTouched ? { label } : { label, id: idFromLabel(label) },
                    )
                  }
                />
                <TextField
                  label="Id"
                  name={`${path}.id`}
                  className="mono-field"
                  value={field.id}
                  error={problem.id}
                  hint="The answer's name in the API and webhooks."
                  spellCheck={false}
                  onChange={(id) => update(field.key, { id, idTouched: true })}
                />
                <SelectField
                  label="Type"
                  name={`${path}.type`}
                  value={field.type}
                  options={FIELD_TYPES}
                  onChange={(type) =>
                    update(field.key, {
                      type,
                      category: type === 'single-choice' ? field.category : false,
                    })
                  }
                />
              </div>
              {isChoice(field.type) && (
                <TextAreaField
                  label="Options"
                  name={`${path}.options`}
                  hint="One option per line."
                  rows={3}
                  value={field.optionsText}
                  error={problem.options}
                  onChange={(optionsText) => update(field.key, { optionsText })}
                />
              )}
              <div className="choice-list">
                <CheckboxField
                  label="Required"
                  name={`${path}.required`}
                  checked={field.required}
                  onChange={(required) => update(field.key, { required })}
                />
                {field.type === 'single-choice' && (
                  <CheckboxField
                    label="Use as category"
                    name={`${path}.category`}
                    hint="Its answer becomes the conversation's category in analytics (one question at most)."
                    checked={field.category}
                    onChange={(category) => update(field.key, { category })}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        onClick={() => onChange([...fields, blankDraft()])}
        disabled={fields.length >= MAX_FIELDS}
      >
        + Add question
      </button>
    </div>
  );
}
