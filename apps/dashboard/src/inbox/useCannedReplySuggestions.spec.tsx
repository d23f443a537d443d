/**
 * @jest-environment jsdom
 */
import { fillPlaceholders } from '@app/contracts/rest/canned-reply-placeholders';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { CannedReply } from '../canned-replies/cannedReplyTypes';
import { CannedReplySuggestions } from './CannedReplySuggestions';
import { useCannedReplySuggestions } from './useCannedReplySuggestions';

const reply = (shortcut: string, body: string, title: string | null = null): CannedReply => ({
  id: `id-${shortcut}`,
  shortcut,
  title,
  body,
  scope: 'shared',
  ownerId: null,
  createdBy: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const REPLIES = [
  reply('refund', 'Your refund is on its way, {{visitor.name}}.', 'Refund sent'),
  reply('refresh', 'Please refresh the page.'),
  reply('hello', 'Hi, {{agent.name}} here.'),
];

/** A box with the suggestions, as the composer wires them. */
function Box({ initial = '' }: { initial?: string }) {
  const [text, setText] = useState(initial);
  const suggestions = useCannedReplySuggestions({
    text,
    replies: REPLIES,
    fill: (body) => fillPlaceholders(body, { 'visitor.name': 'Grace', 'agent.name': 'Alan' }),
    write: setText,
  });
  return (
    <>
      {suggestions.list && <CannedReplySuggestions {...suggestions.list} />}
      <textarea
        aria-label="Reply"
        ref={suggestions.boxRef}
        value={text}
        {...suggestions.boxProps}
        onChange={(event) => {
          suggestions.onChange(event);
          setText(event.target.value);
        }}
        onKeyDown={(event) => suggestions.onKeyDown(event)}
        onBlur={suggestions.onBlur}
      />
    </>
  );
}

function typeInto(value: string) {
  const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Reply' });
  act(() => box.focus());
  fireEvent.change(box, { target: { value } });
  return box;
}

const options = () => screen.queryAllByRole('option').map((option) => option.textContent);

describe('canned reply suggestions in the reply box', () => {
  it('offers the replies whose shortcut starts with what follows the /', () => {
    render(<Box />);
    const box = typeInto('/re');
    expect(screen.getByRole('listbox', { name: 'Canned replies' })).toBeTruthy();
    expect(options()).toHaveLength(2);
    expect(options()[0]).toContain('/refund');
    expect(box.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0].id);
  });

  it('offers nothing for a slash inside a word, or a shortcut no reply has', () => {
    render(<Box />);
    typeInto('and/re');
    expect(screen.queryByRole('listbox')).toBeNull();
    typeInto('/nothing');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('moves with the arrow keys and inserts the highlighted reply on Enter, filled in', () => {
    render(<Box />);
    const box = typeInto('Sure. /re');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[0].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Sure. Please refresh the page.');
    expect(box.selectionStart).toBe(box.value.length);
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('inserts on Tab too, filling in the visitor and the agent', () => {
    render(<Box />);
    const box = typeInto('/ref');
    fireEvent.keyDown(box, { key: 'Tab' });
    expect(box.value).toBe('Your refund is on its way, Grace.');
  });

  it('closes on Escape, leaving the text as typed, until another / is typed', () => {
    render(<Box />);
    const box = typeInto('/he');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.value).toBe('/he');
    typeInto('/hel');
    expect(screen.queryByRole('listbox')).toBeNull();
    typeInto('/hel /');
    expect(screen.getByRole('listbox')).toBeTruthy();
  });

  it('inserts the reply clicked', () => {
    render(<Box />);
    const box = typeInto('/');
    fireEvent.click(screen.getByRole('option', { name: /\/hello/ }));
    expect(box.value).toBe('Hi, Alan here.');
  });

  it('closes when the box loses the focus', () => {
    render(<Box />);
    const box = typeInto('/re');
    act(() => box.blur());
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});
