import { WEBHOOK_EVENT_GROUPS, WEBHOOK_LIMITS } from '@app/contracts';
import { useCallback, useState } from 'react';
import { CheckboxField, TextField } from '../ui/fields';
import { Form } from '../ui/Form';
import { useSubmit } from '../ui/useSubmit';
import { EVENT_GROUP_LABELS } from './webhookTypes';

export interface WebhookDraft {
  url: string;
  description: string;
  events: string[];
}

/**
 * An endpoint's URL, description and events (all of them, or chosen by group); the fields carry
 * the API's names, so a 400 (a URL Parley may not reach among them) shows under its field.
 */
export function WebhookForm({
  submitLabel,
  onSubmit,
}: {
  submitLabel: string;
  onSubmit(draft: WebhookDraft): Promise<void>;
}) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const events = all ? ['*'] : [...chosen];
  const submission = useSubmit(
    useCallback(
      () =>
        onSubmit({
          url: url.trim(),
          description: description.trim(),
          events: all ? ['*'] : [...chosen],
        }),
      [url, description, all, chosen, onSubmit],
    ),
  );
  const toggle = (type: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });

  return (
    <Form
      submission={submission}
      submitLabel={submitLabel}
      sendingLabel="Saving…"
      aria-label={submitLabel}
      canSubmit={url.trim() !== '' && events.length > 0}
    >
      <TextField
        label="Endpoint URL"
        name="url"
        type="url"
        value={url}
        onChange={setUrl}
        placeholder="https://example.com/hooks/parley"
        hint="HTTPS recommended. Parley refuses addresses inside private networks."
        maxLength={WEBHOOK_LIMITS.urlLength}
        required
      />
      <TextField
        label="Description"
        name="description"
        value={description}
        onChange={setDescription}
        maxLength={WEBHOOK_LIMITS.descriptionLength}
      />
      <fieldset className="stack-small">
        <legend>Events</legend>
        <CheckboxField
          label="All events, including those added later"
          name="events"
          checked={all}
          onChange={setAll}
        />
        {!all &&
          Object.entries(WEBHOOK_EVENT_GROUPS).map(([group, types]) => (
            <div key={group} className="stack-small">
              <h4>{EVENT_GROUP_LABELS[group as keyof typeof WEBHOOK_EVENT_GROUPS]}</h4>
              {types.map((type) => (
                <CheckboxField
                  key={type}
                  label={<code>{type}</code>}
                  checked={chosen.has(type)}
                  onChange={(on) => toggle(type, on)}
                />
              ))}
            </div>
          ))}
      </fieldset>
    </Form>
  );
}
