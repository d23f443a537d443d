import { fillPlaceholders, unknownPlaceholders } from './canned-reply-placeholders';

describe('canned reply placeholders', () => {
  it('fills the visitor and the agent in, however the braces are spaced', () => {
    const body = 'Hi {{visitor.name}}, {{ agent.name }} here. We will write to {{visitor.email}}.';
    expect(
      fillPlaceholders(body, {
        'visitor.name': 'Grace',
        'visitor.email': 'grace@example.com',
        'agent.name': 'Alan',
      }),
    ).toBe('Hi Grace, Alan here. We will write to grace@example.com.');
  });

  it('leaves nothing behind for a value it does not know', () => {
    expect(fillPlaceholders('Hi {{visitor.name}}!', { 'visitor.email': 'a@b.c' })).toBe('Hi !');
    expect(fillPlaceholders('Hi {{visitor.name}}!', { 'visitor.name': null })).toBe('Hi !');
  });

  it('keeps text that only looks like a placeholder as written', () => {
    expect(fillPlaceholders('{{unknown}} and {single} and {{}}', {})).toBe(
      '{{unknown}} and {single} and {{}}',
    );
  });

  it('fills every occurrence of a placeholder', () => {
    expect(fillPlaceholders('{{agent.name}}/{{agent.name}}', { 'agent.name': 'Ada' })).toBe(
      'Ada/Ada',
    );
  });

  it('names each placeholder that is none of ours once, so a typo is caught when saving', () => {
    expect(unknownPlaceholders('{{visitor.nme}} {{ visitor.name }} {{visitor.nme}} {{x}}')).toEqual(
      ['visitor.nme', 'x'],
    );
    expect(unknownPlaceholders('Hello {{visitor.name}}, {{agent.name}}')).toEqual([]);
  });
});
