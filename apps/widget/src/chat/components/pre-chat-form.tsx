import { useEffect, useRef, useState } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import type { EmbedOptions } from '../../shared/embed-options';
import { type OpenedSession, openSession, type WidgetConfig } from '../../shared/widget-api';
import {
  type Answer,
  answerField,
  type FieldErrors,
  type PreChatValues,
  sessionRequest,
  validatePreChat,
} from '../prechat/pre-chat-values';
import { type SessionRefusal, sessionRefusal } from '../prechat/session-refusal';
import { ChoiceField } from './choice-field';
import { TextField } from './text-field';

interface PreChatFormProps {
  embed: EmbedOptions;
  config: WidgetConfig;
  strings: Strings;
  /** Why the form is back (the previous conversation is gone), shown above it. */
  notice?: string;
  onOpened(session: OpenedSession): void;
  /** The chatbot went offline since the config was read: offer the offline message. */
  onOffline?(): void;
}

const inputId = (field: string) => `parley-${field.replace('.', '-')}`;

/** The greeting, then name, email and the chatbot's own questions; submitting opens the room. */
export function PreChatForm(props: PreChatFormProps) {
  const { embed, config, strings, notice, onOpened } = props;
  const questions = config.preChatForm.fields;
  // A signed-in user's email comes signed from the host page: changing it would void the hash.
  const [values, setValues] = useState<PreChatValues>({
    name: embed.identity?.name ?? '',
    email: embed.identity?.email ?? '',
    answers: {},
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<SessionRefusal>();
  const [submitting, setSubmitting] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const setAnswer = (id: string, answer: Answer) =>
    setValues((known) => ({ ...known, answers: { ...known.answers, [id]: answer } }));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    const problems = validatePreChat(values, questions, strings);
    setErrors(problems);
    setAttempts((count) => count + 1);
    if (Object.keys(problems).length) return setRefusal(undefined);
    setSubmitting(true);
    const answer = await openSession(embed, sessionRequest(values));
    setSubmitting(false);
    if (answer.ok) return onOpened(answer.data);
    if (answer.failure.code === 'chatbot_offline' && props.onOffline) return props.onOffline();
    const fields = ['name', 'email', ...questions.map((question) => answerField(question.id))];
    const refused = sessionRefusal(answer.failure, strings, fields);
    setRefusal(refused);
    setErrors(refused.fields);
    setAttempts((count) => count + 1);
  };

  if (refusal?.final)
    return (
      <p class="parley-message-text" role="alert">
        {refusal.summary}
      </p>
    );

  const summary = refusal?.summary ?? (Object.keys(errors).length ? strings.fixFields : notice);
  return (
    <form ref={formRef} class="parley-scroll" noValidate onSubmit={submit}>
      {config.appearance.greeting && <p class="parley-greeting">{config.appearance.greeting}</p>}
      <p class="parley-intro">{strings.formIntro}</p>
      {summary && (
        <p class="parley-form-error" role="alert">
          {summary}
        </p>
      )}
      <TextField
        id={inputId('name')}
        label={strings.nameLabel}
        type="text"
        value={values.name}
        error={errors.name}
        required
        maxLength={120}
        autoComplete="name"
        autofocus
        strings={strings}
        onInput={(name) => setValues((known) => ({ ...known, name }))}
      />
      <TextField
        id={inputId('email')}
        label={strings.emailLabel}
        type="email"
        value={values.email}
        error={errors.email}
        required
        maxLength={254}
        autoComplete="email"
        readOnly={embed.identity !== undefined}
        strings={strings}
        onInput={(email) => setValues((known) => ({ ...known, email }))}
      />
      {questions.map((question) => {
        const field = answerField(question.id);
        const answer = values.answers[question.id];
        return question.type === 'text' || question.type === 'email' ? (
          <TextField
            key={question.id}
            id={inputId(field)}
            label={question.label}
            type={question.type}
            value={typeof answer === 'string' ? answer : ''}
            error={errors[field]}
            required={question.required}
            maxLength={2000}
            strings={strings}
            onInput={(text) => setAnswer(question.id, text)}
          />
        ) : (
          <ChoiceField
            key={question.id}
            id={inputId(field)}
            question={question}
            value={answer}
            error={errors[field]}
            strings={strings}
            onChange={(choice) => setAnswer(question.id, choice)}
          />
        );
      })}
      <button type="submit" class="parley-button" aria-busy={submitting ? 'true' : undefined}>
        {submitting ? strings.starting : strings.startChat}
      </button>
    </form>
  );
}
