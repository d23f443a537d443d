import type { JourneyQuestion } from '@app/contracts/journey/journey-graph';
import type { Strings } from '../../i18n/en';
import type { NewSession } from '../../shared/widget-api';
import { isBlank, onTheWay } from './journey-steps';

/** Text, the options ticked, or an uploaded image's id; numbers are typed as text. */
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

/** What is wrong with the name and email, the first step; empty when the visitor may go on. */
export function validateContact(values: PreChatValues, strings: Strings): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = strings.nameMissing;
  if (!values.email.trim()) errors.email = strings.emailMissing;
  else if (!EMAIL.test(values.email.trim())) errors.email = strings.emailInvalid;
  return errors;
}

/** What is wrong with the answer to one question, or undefined when the visitor may go on. */
export function answerProblem(
  question: JourneyQuestion,
  answer: Answer | undefined,
  strings: Strings,
): string | undefined {
  if (isBlank(answer))
    return !question.required
      ? undefined
      : question.type === 'multiple-choice'
        ? strings.choiceMissing
        : question.type === 'image'
          ? strings.imageMissing
          : strings.answerMissing;
  if (question.type === 'email' && !EMAIL.test(String(answer).trim())) return strings.emailInvalid;
  if (question.type === 'number' && !Number.isFinite(Number(answer))) return strings.numberInvalid;
  return undefined;
}

/** The session request: trimmed text, numbers as numbers, only the questions on the way. */
export function sessionRequest(
  values: PreChatValues,
  asked: readonly string[],
  numbers: ReadonlySet<string>,
  journeyVersion: number,
): NewSession {
  const answers = onTheWay(asked, values.answers);
  for (const id of Object.keys(answers))
    if (numbers.has(id)) answers[id] = Number(answers[id] as string);
  return { name: values.name.trim(), email: values.email.trim(), answers, journeyVersion };
}
