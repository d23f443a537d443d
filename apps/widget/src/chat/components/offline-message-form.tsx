import { useState } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import type { EmbedOptions } from '../../shared/embed-options';
import {
  leaveOfflineMessage,
  type WalkedJourney,
  type WidgetConfig,
} from '../../shared/widget-api';
import { sessionRefusal } from '../prechat/session-refusal';
import { FieldError, LabelText } from './field-label';
import { TextField } from './text-field';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const FIELDS = ['name', 'email', 'message'] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;

/**
 * While the chatbot is offline (outside business hours, or nobody available): name, email and a
 * message, sent as an offline message; the visitor is told the answer comes by email. After a
 * walked journey (its team's hours were over), the answers go with it and the name and email
 * are those already given.
 */
export function OfflineMessageForm(props: {
  embed: EmbedOptions;
  config: WidgetConfig;
  strings: Strings;
  walked?: WalkedJourney;
}) {
  const { embed, config, strings, walked } = props;
  const [name, setName] = useState(walked?.name ?? embed.identity?.name ?? '');
  const [email, setEmail] = useState(walked?.email ?? embed.identity?.email ?? '');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState<string>();
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  // A field's complaint goes as soon as the visitor changes it.
  const edit = (field: keyof Errors, set: (value: string) => void) => (value: string) => {
    set(value);
    setErrors(({ [field]: _, ...others }) => others);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    const problems: Errors = {
      ...(name.trim() ? {} : { name: strings.nameMissing }),
      ...(EMAIL.test(email.trim()) ? {} : { email: strings.emailInvalid }),
      ...(message.trim() ? {} : { message: strings.messageMissing }),
    };
    setErrors(problems);
    if (Object.keys(problems).length) return setSummary(strings.fixFields);
    setSending(true);
    const journey = walked && { answers: walked.answers, journeyVersion: walked.journeyVersion };
    const answer = await leaveOfflineMessage(embed, { name, email, message, ...journey });
    setSending(false);
    if (answer.ok) return setSentTo(email.trim());
    const refused = sessionRefusal(answer.failure, strings, FIELDS);
    setErrors(refused.fields);
    setSummary(refused.summary);
  };

  if (sentTo)
    return (
      <p class="parley-message-text" role="status">
        {strings.messageLeft(sentTo)}
      </p>
    );

  return (
    <form class="parley-scroll" noValidate onSubmit={submit}>
      <p class="parley-intro">
        {(walked?.offlineReason ?? config.offlineReason) === 'outside-hours'
          ? strings.outsideHours
          : strings.offlineIntro}
      </p>
      {summary && (
        <p class="parley-form-error" role="alert">
          {summary}
        </p>
      )}
      <TextField
        id="parley-offline-name"
        label={strings.nameLabel}
        type="text"
        value={name}
        error={errors.name}
        required
        maxLength={120}
        autoComplete="name"
        autofocus
        strings={strings}
        onInput={edit('name', setName)}
      />
      <TextField
        id="parley-offline-email"
        label={strings.emailLabel}
        type="email"
        value={email}
        error={errors.email}
        required
        maxLength={254}
        autoComplete="email"
        strings={strings}
        onInput={edit('email', setEmail)}
      />
      <div class="parley-field">
        <label class="parley-label" for="parley-offline-message">
          <LabelText label={strings.offlineMessageLabel} required strings={strings} />
        </label>
        <textarea
          id="parley-offline-message"
          class="parley-input"
          rows={4}
          maxLength={4000}
          required
          value={message}
          aria-invalid={errors.message ? 'true' : undefined}
          aria-describedby={errors.message ? 'parley-offline-message-error' : undefined}
          onInput={(event) => edit('message', setMessage)(event.currentTarget.value)}
        />
        {errors.message && (
          <FieldError id="parley-offline-message-error" message={errors.message} />
        )}
      </div>
      <button type="submit" class="parley-button" aria-busy={sending ? 'true' : undefined}>
        {sending ? strings.leavingMessage : strings.leaveMessage}
      </button>
    </form>
  );
}
