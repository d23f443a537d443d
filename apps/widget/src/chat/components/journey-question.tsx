import type { JourneyQuestion as Question } from '@app/contracts/journey/journey-graph';
import type { Strings } from '../../i18n/en';
import type { EmbedOptions } from '../../shared/embed-options';
import type { Answer } from '../prechat/pre-chat-values';
import { ChoiceField } from './choice-field';
import { ImageField } from './image-field';
import { TextField } from './text-field';

interface JourneyQuestionProps {
  id: string;
  question: Question;
  answer: Answer | undefined;
  error?: string;
  embed: EmbedOptions;
  strings: Strings;
  onAnswer(answer: Answer): void;
}

const TEXT_TYPES = { 'short-text': 'text', email: 'email', number: 'number' } as const;

/** One question of the journey, drawn as the field its kind asks for. */
export function JourneyQuestion(props: JourneyQuestionProps) {
  const { id, question, answer, error, strings, onAnswer } = props;
  if (question.type === 'single-choice' || question.type === 'multiple-choice')
    return (
      <ChoiceField
        id={id}
        question={{
          label: question.label,
          type: question.type,
          required: question.required,
          options: question.options?.map((option) => option.value),
        }}
        value={answer}
        error={error}
        strings={strings}
        onChange={onAnswer}
      />
    );
  if (question.type === 'image')
    return (
      <ImageField
        id={id}
        label={question.label}
        required={question.required}
        embed={props.embed}
        value={typeof answer === 'string' ? answer : ''}
        error={error}
        strings={strings}
        onChange={onAnswer}
      />
    );
  return (
    <TextField
      id={id}
      label={question.label}
      type={TEXT_TYPES[question.type]}
      value={typeof answer === 'string' ? answer : ''}
      error={error}
      required={question.required}
      maxLength={2000}
      autofocus
      strings={strings}
      onInput={onAnswer}
    />
  );
}
