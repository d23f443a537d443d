/**
 * @jest-environment jsdom
 */
import { emptyJourney, walkJourney } from '@app/contracts/journey/journey-graph';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { JourneyEditor } from './JourneyEditor';
import { draftOf, type JourneyDraft, journeyOf, problemsOf } from './journeyDraft';

let latest: JourneyDraft;

function Editor() {
  const [draft, setDraft] = useState<JourneyDraft>(() => draftOf(emptyJourney()));
  latest = draft;
  const problems = useMemo(() => problemsOf(draft), [draft]);
  return <JourneyEditor draft={draft} onChange={setDraft} problems={problems} />;
}

const step = (number: number) => within(screen.getByRole('listitem', { name: `Step ${number}` }));
const preview = () => within(screen.getByRole('region', { name: 'Journey preview' }));

describe('the journey editor', () => {
  it('walks the example journey in its preview, branch by branch, back and again', () => {
    render(<Editor />);
    fireEvent.click(screen.getByRole('button', { name: 'Start from an example' }));
    expect(screen.queryAllByRole('alert')).toEqual([]);

    fireEvent.click(preview().getByRole('button', { name: 'Billing' }));
    fireEvent.change(preview().getByLabelText('Amount in euros'), { target: { value: '2500' } });
    fireEvent.click(preview().getByRole('button', { name: 'Next' }));
    expect(preview().getByText(/Priority: urgent/)).toBeTruthy();
    expect(preview().getByText(/Category: billing/)).toBeTruthy();

    fireEvent.click(preview().getByRole('button', { name: 'Back' }));
    fireEvent.click(preview().getByRole('button', { name: 'Back' }));
    fireEvent.click(preview().getByRole('button', { name: 'Other' }));
    expect(preview().getByText(/Priority: normal/)).toBeTruthy();
  });

  it('gives each option its own next step, and the result is a journey the server accepts', () => {
    render(<Editor />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add step' }));
    fireEvent.change(step(2).getByLabelText('Step 2: kind'), {
      target: { value: 'single-choice' },
    });
    fireEvent.change(step(2).getByLabelText('Step 2: question'), {
      target: { value: 'What is it about?' },
    });
    fireEvent.click(step(2).getByLabelText('Required'));
    fireEvent.change(step(2).getByLabelText('Step 2 option 1'), { target: { value: 'Sales' } });
    fireEvent.change(step(2).getByLabelText('Step 2 option 2'), { target: { value: 'Help' } });
    fireEvent.change(step(2).getByLabelText('Step 2 option 1 goes to'), {
      target: { value: 'end' },
    });
    fireEvent.change(step(2).getByLabelText('Step 2 option 2 goes to'), {
      target: { value: 'end' },
    });
    // Nothing leads to the new question yet: said at the step, until it becomes the start.
    expect(step(2).getByRole('alert').textContent).toContain('no way leads here');
    fireEvent.change(screen.getByLabelText('Starts with'), {
      target: { value: 'what_is_it_about' },
    });
    expect(screen.queryAllByRole('alert')).toEqual([]);
    fireEvent.click(step(1).getByRole('button', { name: 'Delete step 1' }));
    // Deleting the end its options led to leaves them empty, marked at the question.
    expect(step(1).getByRole('alert').textContent).toContain('option "Sales" has no next node');

    fireEvent.click(screen.getByRole('button', { name: '+ Add step' }));
    fireEvent.change(step(2).getByLabelText('Step 2: kind'), { target: { value: 'end' } });
    fireEvent.change(step(2).getByLabelText('Step 2: id'), { target: { value: 'done' } });
    fireEvent.change(step(1).getByLabelText('Step 1 option 1 goes to'), {
      target: { value: 'done' },
    });
    fireEvent.change(step(1).getByLabelText('Step 1 option 2 goes to'), {
      target: { value: 'done' },
    });
    expect(screen.queryAllByRole('alert')).toEqual([]);
    const journey = { version: 1, ...journeyOf(latest) };
    expect(walkJourney(journey, { what_is_it_about: 'Help' })).toMatchObject({
      ok: true,
      path: ['what_is_it_about', 'done'],
    });
  });

  it('moves a step down, keeping its settings', () => {
    render(<Editor />);
    fireEvent.click(screen.getByRole('button', { name: 'Start from an example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move step 1 down' }));
    expect(latest.nodes.map((entry) => entry.node.id).slice(0, 2)).toEqual(['amount', 'topic']);
    expect(step(2).getByLabelText('Step 2 option 1')).toHaveProperty('value', 'Billing');
  });
});
