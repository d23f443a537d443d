/**
 * @jest-environment jsdom
 */
import { emptyJourney, walkJourney } from '@app/contracts/journey/journey-graph';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { forgetRouting } from '../../inbox/useRouting';
import { JourneyEditor } from './JourneyEditor';
import { draftOf, type JourneyDraft, journeyOf, problemsOf } from './journeyDraft';

let latest: JourneyDraft;

/** The tenant API as the browser meets it: the workspace's categories and teams, or an outage. */
function serveRouting(lists: { categories: object[]; teams: object[] } | 'down') {
  forgetRouting();
  global.fetch = jest.fn(async (url: string | URL | Request) => {
    const path = String(url);
    const body =
      lists === 'down'
        ? { statusCode: 503, code: 'unavailable', message: 'down' }
        : path.endsWith('/categories')
          ? { categories: lists.categories }
          : { teams: lists.teams };
    const status = lists === 'down' ? 503 : 200;
    return {
      status,
      ok: status < 300,
      statusText: '',
      headers: new Headers(),
      text: async () => JSON.stringify(body),
    } as Response;
  }) as typeof fetch;
}

function Editor() {
  const [draft, setDraft] = useState<JourneyDraft>(() => draftOf(emptyJourney()));
  latest = draft;
  const problems = useMemo(() => problemsOf(draft), [draft]);
  return <JourneyEditor draft={draft} onChange={setDraft} problems={problems} />;
}

/** Renders the editor and lets its ends read the (stubbed) categories and teams. */
async function renderEditor() {
  render(<Editor />);
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

const step = (number: number) => within(screen.getByRole('listitem', { name: `Step ${number}` }));
const preview = () => within(screen.getByRole('region', { name: 'Journey preview' }));

describe('the journey editor', () => {
  beforeEach(() => serveRouting({ categories: [], teams: [] }));

  it('walks the example journey in its preview, branch by branch, back and again', async () => {
    await renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Start from an example' }));
    expect(screen.queryAllByRole('alert')).toEqual([]);

    fireEvent.click(preview().getByRole('button', { name: 'Billing' }));
    fireEvent.change(preview().getByLabelText('Amount in euros'), { target: { value: '2500' } });
    fireEvent.click(preview().getByRole('button', { name: 'Next' }));
    expect(preview().getByText(/Priority: urgent/)).toBeTruthy();
    // The example's ends name no category or team: those are the workspace's own, to pick.
    expect(preview().getByText(/Category:/).textContent).toBe('Category: none');

    fireEvent.click(preview().getByRole('button', { name: 'Back' }));
    fireEvent.click(preview().getByRole('button', { name: 'Back' }));
    fireEvent.click(preview().getByRole('button', { name: 'Other' }));
    expect(preview().getByText(/Priority: normal/)).toBeTruthy();
  });

  it('gives each option its own next step, and the result is a journey the server accepts', async () => {
    await renderEditor();
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

  it('moves a step down, keeping its settings', async () => {
    await renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Start from an example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move step 1 down' }));
    expect(latest.nodes.map((entry) => entry.node.id).slice(0, 2)).toEqual(['amount', 'topic']);
    expect(step(2).getByLabelText('Step 2 option 1')).toHaveProperty('value', 'Billing');
  });

  it("offers the workspace's categories and teams by name at an end, and saves their ids", async () => {
    serveRouting({
      categories: [{ id: 'cat-1', name: 'Hardware' }],
      teams: [{ id: 'team-1', name: 'Field technicians' }],
    });
    await renderEditor();
    const end = step(1);
    const category = await end.findByRole('option', { name: 'Hardware' });
    expect(end.getByRole('option', { name: 'None' })).toBeTruthy();
    fireEvent.change(end.getByLabelText('Step 1: category'), { target: { value: 'cat-1' } });
    fireEvent.change(end.getByLabelText('Step 1: team'), { target: { value: 'team-1' } });
    expect(category).toHaveProperty('selected', true);
    expect(journeyOf(latest).nodes[0]).toMatchObject({ category: 'cat-1', teamId: 'team-1' });
    expect(preview().getByText('Category: Hardware')).toBeTruthy();
    expect(preview().getByText('Team: Field technicians')).toBeTruthy();

    fireEvent.change(end.getByLabelText('Step 1: team'), { target: { value: '' } });
    expect(journeyOf(latest).nodes[0]).toMatchObject({ category: 'cat-1', teamId: null });
  });

  it('lets the admin type ids when the categories and teams cannot be read', async () => {
    serveRouting('down');
    await renderEditor();
    const category = await step(1).findByRole('textbox', { name: 'Step 1: category' });
    fireEvent.change(category, { target: { value: 'cat-9' } });
    expect(journeyOf(latest).nodes[0]).toMatchObject({ category: 'cat-9' });
  });
});
