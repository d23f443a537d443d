/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { PreChatFormEditor } from './PreChatFormEditor';
import { type DraftField, fieldOf } from './preChatDraft';

let latest: DraftField[] = [];

function Editor() {
  const [fields, setFields] = useState<DraftField[]>([]);
  latest = fields;
  return <PreChatFormEditor fields={fields} onChange={setFields} problems={new Map()} />;
}

const question = (number: number) => screen.getByRole('listitem', { name: `Question ${number}` });

function addChoiceQuestion(number: number, label: string, options: string) {
  fireEvent.click(screen.getByRole('button', { name: '+ Add question' }));
  const item = within(question(number));
  fireEvent.change(item.getByLabelText('Question', { exact: true }), { target: { value: label } });
  fireEvent.change(item.getByLabelText('Type'), { target: { value: 'single-choice' } });
  fireEvent.change(item.getByLabelText('Options'), { target: { value: options } });
  fireEvent.click(item.getByLabelText('Use as category'));
}

describe('the pre-chat form editor', () => {
  it('names a question after its label and keeps at most one category question', () => {
    render(<Editor />);
    addChoiceQuestion(1, 'What is it about?', 'Sales\nSupport\n');
    addChoiceQuestion(2, 'Which shop?', 'Paris\nLyon');

    expect(within(question(1)).getByLabelText('Id')).toHaveProperty('value', 'what_is_it_about');
    expect(within(question(1)).getByLabelText('Use as category')).toHaveProperty('checked', false);
    expect(within(question(2)).getByLabelText('Use as category')).toHaveProperty('checked', true);
    expect(latest.map(fieldOf)).toEqual([
      {
        id: 'what_is_it_about',
        label: 'What is it about?',
        type: 'single-choice',
        required: false,
        options: ['Sales', 'Support'],
      },
      {
        id: 'which_shop',
        label: 'Which shop?',
        type: 'single-choice',
        required: false,
        options: ['Paris', 'Lyon'],
        category: true,
      },
    ]);
  });

  it('moves a question down, taking its answers with it', () => {
    render(<Editor />);
    addChoiceQuestion(1, 'First', 'a\nb');
    addChoiceQuestion(2, 'Second', 'c\nd');
    fireEvent.click(screen.getByRole('button', { name: 'Move question 1 down' }));
    expect(latest.map((field) => field.label)).toEqual(['Second', 'First']);
    expect(within(question(2)).getByLabelText('Options')).toHaveProperty('value', 'a\nb');
  });
});
