import { describe, expect, it } from '@jest/globals';
import { en } from '../../i18n/en';
import type { PreChatField } from '../../shared/widget-api';
import { sessionRequest, validatePreChat } from './pre-chat-values';

const questions: PreChatField[] = [
  {
    id: 'topic',
    label: 'Topic',
    type: 'single-choice',
    required: true,
    options: ['Sales', 'Help'],
  },
  { id: 'extras', label: 'Extras', type: 'multiple-choice', required: true, options: ['A', 'B'] },
  { id: 'work_email', label: 'Work email', type: 'email', required: false },
  { id: 'order', label: 'Order number', type: 'text', required: false },
];

const complete = {
  name: 'Ada',
  email: 'ada@example.com',
  answers: { topic: 'Help', extras: ['A'] },
};

describe('the pre-chat form', () => {
  it('asks for a name and an email before anything is sent', () => {
    const errors = validatePreChat({ name: '  ', email: '', answers: {} }, [], en);
    expect(errors).toEqual({ name: en.nameMissing, email: en.emailMissing });
  });

  it('refuses an email address without a proper domain', () => {
    for (const email of ['ada@example', 'ada@example.c', 'ada example@mail.com'])
      expect(validatePreChat({ ...complete, email }, questions, en)).toEqual({
        email: en.emailInvalid,
      });
  });

  it("names each unanswered required question of the chatbot's form", () => {
    const errors = validatePreChat({ ...complete, answers: { extras: [] } }, questions, en);
    expect(errors).toEqual({
      'answers.topic': en.answerMissing,
      'answers.extras': en.choiceMissing,
    });
  });

  it('checks an optional email question only when it is answered', () => {
    expect(validatePreChat(complete, questions, en)).toEqual({});
    const answers = { ...complete.answers, work_email: 'nope' };
    expect(validatePreChat({ ...complete, answers }, questions, en)).toEqual({
      'answers.work_email': en.emailInvalid,
    });
  });

  it('sends trimmed values and leaves unanswered optional questions out', () => {
    const request = sessionRequest({
      name: ' Ada ',
      email: ' ada@example.com ',
      answers: { topic: 'Help', extras: ['A', 'B'], order: '  ', work_email: '' },
    });
    expect(request).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      answers: { topic: 'Help', extras: ['A', 'B'] },
    });
  });
});
