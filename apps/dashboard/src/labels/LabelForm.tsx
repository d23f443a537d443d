import { LABEL_LIMITS } from '@app/contracts';
import { useCallback, useState } from 'react';
import { ColorField } from '../ui/ColorField';
import { TextField } from '../ui/fields';
import { Form } from '../ui/Form';
import { useSubmit } from '../ui/useSubmit';

export interface LabelDraft {
  name: string;
  color: string;
}

const FIELD_OF_CODE = { name_taken: 'name' };

/** A label's name and colour; the fields carry the API's names, so a 400 or 409 shows under its field. */
export function LabelForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: LabelDraft;
  submitLabel: string;
  onSubmit(draft: LabelDraft): Promise<void>;
  onCancel?(): void;
}) {
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState(initial.color);
  const submission = useSubmit(
    useCallback(() => onSubmit({ name: name.trim(), color }), [name, color, onSubmit]),
    FIELD_OF_CODE,
  );
  return (
    <Form
      submission={submission}
      submitLabel={submitLabel}
      sendingLabel="Saving…"
      aria-label={submitLabel}
      canSubmit={name.trim() !== ''}
      actions={
        onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
        )
      }
    >
      <TextField
        label="Name"
        name="name"
        value={name}
        onChange={setName}
        maxLength={LABEL_LIMITS.nameLength}
        required
      />
      <ColorField label="Colour" name="color" value={color} onChange={setColor} />
    </Form>
  );
}
