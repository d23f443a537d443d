import type { Appearance } from '@app/contracts';
import { useCallback, useMemo, useState } from 'react';
import { ColorField } from '../../ui/ColorField';
import { TextAreaField, TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import { AppearancePreview } from './AppearancePreview';
import { type Chatbot, type ChatbotInput, DEFAULT_APPEARANCE } from './chatbotTypes';
import { JourneyEditor } from './JourneyEditor';
import { draftOf, type JourneyDraft, journeyOf, problemsOf } from './journeyDraft';
import { emptyJourney } from '@app/contracts/journey/journey-graph';

interface ChatbotFormProps {
  /** The chatbot to edit; none: a new one. */
  chatbot?: Chatbot;
  submitLabel: string;
  sendingLabel: string;
  onSubmit(input: ChatbotInput): Promise<void>;
  onCancel?(): void;
}

const originsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Every setting of a chatbot: its name, where it may be embedded, its look, its journey. */
export function ChatbotForm({
  chatbot,
  submitLabel,
  sendingLabel,
  onSubmit,
  onCancel,
}: ChatbotFormProps) {
  const [name, setName] = useState(chatbot?.name ?? '');
  // The dashboard's own origin, so the demo page (served from it) works at once.
  const [originsText, setOriginsText] = useState(
    (chatbot?.allowedOrigins ?? [window.location.origin]).join('\n'),
  );
  const [appearance, setAppearance] = useState<Appearance>(
    chatbot?.appearance ?? DEFAULT_APPEARANCE,
  );
  const [journey, setJourney] = useState<JourneyDraft>(() =>
    draftOf(chatbot?.journey ?? emptyJourney()),
  );
  const problems = useMemo(() => problemsOf(journey), [journey]);

  const submission = useSubmit(
    useCallback(async () => {
      if (problems.size > 0) throw new Error('Some journey steps need attention (marked above).');
      await onSubmit({
        name: name.trim(),
        allowedOrigins: originsOf(originsText),
        appearance,
        journey: journeyOf(journey),
      });
    }, [problems, onSubmit, name, originsText, appearance, journey]),
  );

  // The API names a bad origin by its index; the admin sees lines.
  const originErrors = submission
    .fieldErrors('allowedOrigins')
    .map((error) => {
      const index = Number(error.field.split('.')[1]);
      return Number.isInteger(index) ? `Line ${index + 1}: ${error.message}` : error.message;
    })
    .join(' · ');

  // The API names a step by its id (`journey.nodes.<id>`), or by its index for a field of it.
  const journeyProblems = useMemo(() => {
    const merged = new Map(problems);
    for (const error of submission.fieldErrors('journey')) {
      const [, part, at] = error.field.split('.');
      const index = Number(at);
      const nodeId =
        part !== 'nodes' ? null : Number.isInteger(index) ? journey.nodes[index]?.node.id : at;
      merged.set(nodeId ?? null, [...(merged.get(nodeId ?? null) ?? []), error.message]);
    }
    return merged;
  }, [problems, submission, journey]);

  const setLook = (change: Partial<Appearance>) =>
    setAppearance((look) => ({ ...look, ...change }));

  return (
    <Form
      submission={submission}
      submitLabel={submitLabel}
      sendingLabel={sendingLabel}
      aria-label={chatbot ? 'Edit chatbot' : 'New chatbot'}
      actions={
        onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
        )
      }
    >
      <div className="form-grid">
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={setName}
          placeholder="e.g. Website support"
          required
        />
        <TextAreaField
          label="Allowed origins"
          name="allowedOrigins"
          value={originsText}
          onChange={setOriginsText}
          rows={3}
          spellCheck={false}
          className="mono-field"
          error={originErrors || undefined}
          hint={
            <>
              One per line, such as <code>https://shop.example.com</code>: scheme, host and port, no
              path. The widget works only on these sites. This dashboard's own origin, filled in for
              a new chatbot, is what lets the demo page try it: remove it before going live.
            </>
          }
        />
      </div>

      <section className="form-section" aria-labelledby="appearance-heading">
        <div className="form-section-title">
          <h3 id="appearance-heading">Appearance</h3>
          <p className="field-hint">How the chat window looks on your site.</p>
        </div>
        <div className="appearance-editor">
          <div className="form">
            <ColorField
              label="Colour"
              name="appearance.color"
              value={appearance.color}
              onChange={(color) => setLook({ color })}
            />
            <TextAreaField
              label="Greeting"
              name="appearance.greeting"
              value={appearance.greeting}
              onChange={(greeting) => setLook({ greeting })}
              rows={2}
              maxLength={300}
            />
            <TextAreaField
              label="Waiting message"
              name="appearance.waitingMessage"
              hint="Shown while the visitor waits for an agent."
              value={appearance.waitingMessage}
              onChange={(waitingMessage) => setLook({ waitingMessage })}
              rows={2}
              maxLength={300}
            />
          </div>
          <AppearancePreview appearance={appearance} name={name} />
        </div>
      </section>

      <section className="form-section" aria-labelledby="journey-heading">
        <div className="form-section-title">
          <h3 id="journey-heading">Journey</h3>
          <p className="field-hint">
            Questions a visitor answers before chatting, after their name and email. The next
            question may depend on the answer; an end decides the conversation's category, priority
            and team.
          </p>
        </div>
        <JourneyEditor draft={journey} onChange={setJourney} problems={journeyProblems} />
      </section>
    </Form>
  );
}
