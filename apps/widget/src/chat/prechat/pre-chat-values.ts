import type { Strings } from '../../i18n/en';
import type { NewSession, PreChatField } from '../../shared/widget-api';

export type Answer = string | string[];

export interface PreChatValues {
  name: string;
  email: string;
  answers: Record<string, Answer>;
}

/** Messages to show beside fields, keyed like the server's: `name`, `email`, `answers.<id>`. */
export type FieldErrors = Record<string, string>;

export const answerField = (questionId: string) => `answers.${questionId}`;

// Close to the server's test (a dotted domain ending in 2+ letters); the browser's type=email
// is laxer ("a@b"). The rare address only the server refuses comes back beside the field.
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

const isBlank = (answer: Answer | undefined) =>
  answer === undefined || (Array.isArray(answer) ? answer.length === 0 : answer.trim() === '');

/** What is wrong with the form before it goes to the server; empty when it can be sent. */
export function validatePreChat(
  values: PreChatValues,
  questions: readonly PreChatField[],
  strings: Strings,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = strings.nameMissing;
  if (!values.email.trim()) errors.email = strings.emailMissing;
  else if (!EMAIL.test(values.email.trim())) errors.email = strings.emailInvalid;
  for (const question of questions) {
    const answer = values.answers[question.id];
    if (isBlank(answer)) {
      if (question.required)
        errors[answerField(question.id)] =
          question.type === 'multiple-choice' ? strings.choiceMissing : strings.answerMissing;
    } else if (question.type === 'email' && !EMAIL.test(String(answer).trim())) {
      errors[answerField(question.id)] = strings.emailInvalid;
    }
  }
  return errors;
}

/** The session request: trimmed text, and unanswered optional questions left out. */
export function sessionRequest(values: PreChatValues): NewSession {
  const answers: Record<string, Answer> = {};
  for (const [id, answer] of Object.entries(values.answers))
    if (!isBlank(answer)) answers[id] = Array.isArray(answer) ? answer : answer.trim();
  return { name: values.name.trim(), email: values.email.trim(), answers };
}
