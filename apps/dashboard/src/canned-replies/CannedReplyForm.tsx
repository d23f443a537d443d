import { useCallback, useState } from 'react';
import { SelectField, TextAreaField, TextField } from '../ui/fields';
import { Form } from '../ui/Form';
import { useSubmit } from '../ui/useSubmit';
import type { CannedReplyDraft } from './cannedReplyTypes';

const FIELD_OF_CODE = { shortcut_taken: 'shortcut' };

const SCOPES = [
  { value: 'personal', label: 'Personal: only you' },
  { value: 'shared', label: 'Shared: every agent' },
] as const;

const PLACEHOLDER_HINT =
  'Filled in when inserted: {{visitor.name}}, {{visitor.email}}, {{agent.name}}.';

/**
 * A canned reply's shortcut, title and text; its scope only when created (a reply keeps it),
 * and `shared` only for holders of `canned:manage`.
 */
export function CannedReplyForm({
  initial,
  canShare,
  chooseScope,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: CannedReplyDraft;
  canShare: boolean;
  chooseScope: boolean;
  submitLabel: string;
  onSubmit(draft: CannedReplyDraft): Promise<void>;
  onCancel?(): void;
}) {
  const [draft, setDraft] = useState(initial);
  const submission = useSubmit(
    useCallback(() => onSubmit(draft), [draft, onSubmit]),
    FIELD_OF_CODE,
  );
  const set = <K extends keyof CannedReplyDraft>(field: K, value: CannedReplyDraft[K]) =>
    setDraft((before) => ({ ...before, [field]: value }));

  return (
    <Form
      submission={submission}
      submitLabel={submitLabel}
      sendingLabel="Saving…"
      aria-label={submitLabel}
      canSubmit={draft.shortcut.trim() !== '' && draft.body.trim() !== ''}
      actions={
        onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
        )
      }
    >
      <TextField
        label="Shortcut"
        name="shortcut"
        hint="Typed after / in the reply box: letters, digits, - and _."
        placeholder="e.g. refund"
        value={draft.shortcut}
        onChange={(value) => set('shortcut', value)}
        maxLength={32}
        required
      />
      <TextField
        label="Title (optional)"
        name="title"
        value={draft.title ?? ''}
        onChange={(value) => set('title', value)}
        maxLength={80}
      />
      <TextAreaField
        label="Reply"
        name="body"
        hint={PLACEHOLDER_HINT}
        rows={4}
        value={draft.body}
        onChange={(value) => set('body', value)}
        maxLength={4000}
        required
      />
      {chooseScope && canShare && (
        <SelectField
          label="Who can use it"
          name="scope"
          value={draft.scope}
          onChange={(value) => set('scope', value)}
          options={SCOPES}
        />
      )}
    </Form>
  );
}
