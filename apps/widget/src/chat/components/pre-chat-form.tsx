import type { Journey, JourneyQuestion as Question } from '@app/contracts/journey/journey-graph';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import type { EmbedOptions } from '../../shared/embed-options';
import {
  type OfflineReason,
  type OpenedSession,
  openSession,
  type WalkedJourney,
  type WidgetConfig,
} from '../../shared/widget-api';
import { firstQuestion, questionAfter } from '../prechat/journey-steps';
import {
  type Answer,
  answerField,
  answerProblem,
  type FieldErrors,
  type PreChatValues,
  sessionRequest,
  validateContact,
} from '../prechat/pre-chat-values';
import { type SessionRefusal, sessionRefusal } from '../prechat/session-refusal';
import { JourneyQuestion } from './journey-question';
import { TextField } from './text-field';

interface PreChatFormProps {
  embed: EmbedOptions;
  config: WidgetConfig;
  strings: Strings;
  /** Why the form is back (the previous conversation is gone), shown above it. */
  notice?: string;
  onOpened(session: OpenedSession): void;
  /**
   * Nobody answers live where the journey leads (the chatbot went offline since the config was
   * read, or the team's hours are over): offer the offline message, with the answers.
   */
  onOffline?(walked: WalkedJourney): void;
}

const inputId = (field: string) => `parley-${field.replace('.', '-')}`;

/**
 * The greeting with name and email, then the chatbot's journey one question at a time (Back
 * keeps every answer; only those on the way taken are sent); the last step opens the room.
 */
export function PreChatForm({
  embed,
  config,
  strings,
  notice,
  onOpened,
  onOffline,
}: PreChatFormProps) {
  const [journey, setJourney] = useState<Journey>(config.journey);
  // A signed-in user's email comes signed from the host page: changing it would void the hash.
  const [values, setValues] = useState<PreChatValues>({
    name: embed.identity?.name ?? '',
    email: embed.identity?.email ?? '',
    answers: {},
  });
  /** The questions asked so far, the one shown last; none: the name and email step. */
  const [asked, setAsked] = useState<Question[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<SessionRefusal>();
  const [submitting, setSubmitting] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const current = asked.at(-1);

  useEffect(() => {
    const form = formRef.current;
    (
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (current ? form?.querySelector<HTMLElement>('input, select') : null)
    )?.focus();
  }, [attempts, current]);

  const setAnswer = (id: string, answer: Answer) =>
    setValues((known) => ({ ...known, answers: { ...known.answers, [id]: answer } }));

  const submit = async () => {
    setSubmitting(true);
    const numbers = new Set(asked.filter((q) => q.type === 'number').map((q) => q.id));
    const ids = asked.map((question) => question.id);
    const request = sessionRequest(values, ids, numbers, journey.version);
    const answer = await openSession(embed, request);
    setSubmitting(false);
    if (answer.ok) return onOpened(answer.data);
    if (answer.failure.code === 'chatbot_offline' && onOffline) {
      const offlineReason = answer.failure.details?.offlineReason as OfflineReason | undefined;
      return onOffline({ ...request, offlineReason });
    }
    const changed = answer.failure.details?.journey as Journey | undefined;
    if (answer.failure.code === 'journey_changed' && changed) {
      // Start the questions again (the answers stay filled in where the ids are the same).
      setJourney(changed);
      setAsked([]);
      setErrors({});
      return setRefusal({ summary: strings.journeyChanged, fields: {}, final: false });
    }
    const fields = ['name', 'email', ...ids.map(answerField)];
    const refused = sessionRefusal(answer.failure, strings, fields);
    setRefusal(refused);
    setErrors(refused.fields);
    // Back to the first step the server found fault with.
    const faulty = ids.findIndex((id) => refused.fields[answerField(id)]);
    if (refused.fields.name || refused.fields.email) setAsked([]);
    else if (faulty >= 0) setAsked(asked.slice(0, faulty + 1));
    setAttempts((count) => count + 1);
  };

  const next = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    const problems = current
      ? problemOf(current, values.answers[current.id], strings)
      : validateContact(values, strings);
    setErrors(problems);
    setAttempts((count) => count + 1);
    if (Object.keys(problems).length) return setRefusal(undefined);
    const following = current
      ? questionAfter(journey, current, values.answers)
      : firstQuestion(journey, values.answers);
    if (following) return setAsked([...asked, following]);
    await submit();
  };

  const back = () => {
    setErrors({});
    setRefusal(undefined);
    setAsked(asked.slice(0, -1));
  };

  if (refusal?.final)
    return (
      <p class="parley-message-text" role="alert">
        {refusal.summary}
      </p>
    );

  const lastStep = current
    ? questionAfter(journey, current, values.answers) === null
    : firstQuestion(journey, values.answers) === null;
  const summary = refusal?.summary ?? (Object.keys(errors).length ? strings.fixFields : notice);
  return (
    <form ref={formRef} class="parley-scroll" noValidate onSubmit={next}>
      {!current && config.appearance.greeting && (
        <p class="parley-greeting">{config.appearance.greeting}</p>
      )}
      <p class="parley-intro">
        {current ? strings.questionProgress(asked.length) : strings.formIntro}
      </p>
      {summary && (
        <p class="parley-form-error" role="alert">
          {summary}
        </p>
      )}
      {current ? (
        <JourneyQuestion
          key={current.id}
          id={inputId(answerField(current.id))}
          question={current}
          answer={values.answers[current.id]}
          error={errors[answerField(current.id)]}
          embed={embed}
          strings={strings}
          onAnswer={(answer) => setAnswer(current.id, answer)}
        />
      ) : (
        <>
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
        </>
      )}
      <div class="parley-steps">
        {current && (
          <button type="button" class="parley-button parley-button-secondary" onClick={back}>
            {strings.back}
          </button>
        )}
        <button type="submit" class="parley-button" aria-busy={submitting ? 'true' : undefined}>
          {submitting ? strings.starting : lastStep ? strings.startChat : strings.next}
        </button>
      </div>
    </form>
  );
}

function problemOf(question: Question, answer: Answer | undefined, strings: Strings) {
  const problem = answerProblem(question, answer, strings);
  return problem ? { [answerField(question.id)]: problem } : {};
}
