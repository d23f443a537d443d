import { nextInTurn } from './round-robin';

const agents = () => [
  { id: 'a', free: 2 },
  { id: 'b', free: 1 },
  { id: 'c', free: 3 },
];

describe('round-robin choice of the next agent', () => {
  it('starts with the first agent when no one has had a room yet', () => {
    expect(nextInTurn(agents(), null, null)?.id).toBe('a');
  });

  it('gives the next room to the agent after the last one served', () => {
    expect(nextInTurn(agents(), 'a', null)?.id).toBe('b');
    expect(nextInTurn(agents(), 'b', null)?.id).toBe('c');
  });

  it('wraps round to the first agent after the last', () => {
    expect(nextInTurn(agents(), 'c', null)?.id).toBe('a');
  });

  it('skips agents with no room for another chat', () => {
    const full = agents().map((agent) => (agent.id === 'b' ? { ...agent, free: 0 } : agent));
    expect(nextInTurn(full, 'a', null)?.id).toBe('c');
  });

  it('does not hand a room back to the agent who just left it', () => {
    expect(nextInTurn(agents(), 'a', 'b')?.id).toBe('c');
  });

  it('finds no one when every agent is full or the one who left', () => {
    expect(nextInTurn([{ id: 'a', free: 1 }], null, 'a')).toBeUndefined();
    expect(nextInTurn([{ id: 'a', free: 0 }], null, null)).toBeUndefined();
  });
});
