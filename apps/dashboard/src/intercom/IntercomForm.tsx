import { INTERCOM_LIMITS } from '@app/contracts';
import { useCallback, useState } from 'react';
import { CheckboxField, TextField } from '../ui/fields';
import { Form } from '../ui/Form';
import { useSubmit } from '../ui/useSubmit';
import { type IntercomDraft, type IntercomScope } from './intercomTypes';

interface Named {
  id: string;
  name: string;
}

/**
 * The Intercom credentials and which conversations go there. Connected, the credentials may be
 * left empty (they are kept); the fields carry the API's names, so a refused token shows under
 * its field.
 */
export function IntercomForm({
  connected,
  scope,
  chatbots,
  categories,
  onSubmit,
}: {
  connected: boolean;
  scope: IntercomScope | null;
  chatbots: Named[];
  categories: Named[];
  onSubmit(draft: IntercomDraft): Promise<void>;
}) {
  const [accessToken, setAccessToken] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [all, setAll] = useState(scope?.allChatbots ?? true);
  const [chatbotIds, setChatbotIds] = useState(new Set(scope?.chatbotIds ?? []));
  const [categoryIds, setCategoryIds] = useState(new Set(scope?.categoryIds ?? []));
  const submission = useSubmit(
    useCallback(
      () =>
        onSubmit({
          accessToken: accessToken.trim(),
          clientSecret: clientSecret.trim(),
          scope: { allChatbots: all, chatbotIds: [...chatbotIds], categoryIds: [...categoryIds] },
        }),
      [accessToken, clientSecret, all, chatbotIds, categoryIds, onSubmit],
    ),
  );
  const toggle =
    (set: (update: (current: Set<string>) => Set<string>) => void) => (id: string, on: boolean) =>
      set((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      });
  const chosen = all || chatbotIds.size + categoryIds.size > 0;
  const credentialsGiven = connected || (accessToken.trim() !== '' && clientSecret.trim() !== '');
  const keptHint = connected ? 'Leave empty to keep the one Parley has.' : undefined;

  return (
    <Form
      submission={submission}
      submitLabel={connected ? 'Save' : 'Connect Intercom'}
      sendingLabel={connected ? 'Saving…' : 'Connecting…'}
      aria-label="Intercom connection"
      canSubmit={chosen && credentialsGiven}
    >
      <TextField
        label="Access token"
        name="accessToken"
        type="password"
        autoComplete="off"
        value={accessToken}
        onChange={setAccessToken}
        maxLength={INTERCOM_LIMITS.credentialLength}
        hint={keptHint ?? 'Developer Hub → your app → Configure → Authentication.'}
        required={!connected}
      />
      <TextField
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="off"
        value={clientSecret}
        onChange={setClientSecret}
        maxLength={INTERCOM_LIMITS.credentialLength}
        hint={
          keptHint ?? 'Developer Hub → your app → Basic information. It signs Intercom’s webhooks.'
        }
        required={!connected}
      />
      <fieldset className="stack-small">
        <legend>Conversations sent to Intercom</legend>
        <CheckboxField label="Every chatbot’s" name="allChatbots" checked={all} onChange={setAll} />
        {!all && (
          <>
            <h4>Chatbots</h4>
            {chatbots.map((chatbot) => (
              <CheckboxField
                key={chatbot.id}
                label={chatbot.name}
                checked={chatbotIds.has(chatbot.id)}
                onChange={(on) => toggle(setChatbotIds)(chatbot.id, on)}
              />
            ))}
            {categories.length > 0 && <h4>Categories</h4>}
            {categories.map((category) => (
              <CheckboxField
                key={category.id}
                label={category.name}
                checked={categoryIds.has(category.id)}
                onChange={(on) => toggle(setCategoryIds)(category.id, on)}
              />
            ))}
          </>
        )}
      </fieldset>
    </Form>
  );
}
