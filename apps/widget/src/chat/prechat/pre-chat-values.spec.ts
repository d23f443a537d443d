import { describe, expect, it } from '@jest/globals';
import type { JourneyQuestion } from '@app/contracts/journey/journey-graph';
import { en } from '../../i18n/en';
import { answerProblem, sessionRequest, validateContact } from './pre-chat-values';

const question = (fields: Partial<JourneyQuestion> & Pick<JourneyQuestion, 'type'>) =>
  ({ id: 'q', label: 'Q', required: true, ...fields }) as JourneyQuestion;

const complete = { name: 'Ada', email: 'ada@example.com', answers: {} };

describe('the pre-chat steps', () => {
  it('asks for a name and an email before anything is sent', () => {
    const errors = validateContact({ name: '  ', email: '', answers: {} }, en);
    expect(errors).toEqual({ name: en.nameMissing, email: en.emailMissing });
  });

  it('refuses an email address without a proper domain', () => {
    for (const email of ['ada@example', 'ada@example.c', 'ada example@mail.com'])
      expect(validateContact({ ...complete, email }, en)).toEqual({ email: en.emailInvalid });
    expect(validateContact(complete, en)).toEqual({});
  });

  it('names what a required question is missing, by its kind', () => {
    expect(answerProblem(question({ type: 'single-choice' }), undefined, en)).toBe(
      en.answerMissing,
    );
    expect(answerProblem(question({ type: 'multiple-choice' }), [], en)).toBe(en.choiceMissing);
    expect(answerProblem(question({ type: 'image' }), '', en)).toBe(en.imageMissing);
    expect(answerProblem(question({ type: 'short-text', required: false }), ' ', en)).toBe(
      undefined,
    );
  });

  it('checks an email or a number only when it is answered', () => {
    expect(answerProblem(question({ type: 'email' }), 'nope', en)).toBe(en.emailInvalid);
    expect(answerProblem(question({ type: 'number' }), 'ten', en)).toBe(en.numberInvalid);
    expect(answerProblem(question({ type: 'number' }), '10.5', en)).toBe(undefined);
  });

  it('sends trimmed values, numbers as numbers, only the questions on the way', () => {
    const request = sessionRequest(
      {
        name: ' Ada ',
        email: ' ada@example.com ',
        answers: { topic: 'Help', amount: ' 12 ', order: '  ', left_behind: 'x' },
      },
      ['topic', 'amount', 'order'],
      new Set(['amount']),
      3,
    );
    expect(request).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      answers: { topic: 'Help', amount: 12 },
      journeyVersion: 3,
    });
  });
});
