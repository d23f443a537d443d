import { type Candidate, eligibleFor, nextInTurn, servingOrder } from './round-robin';

const agent = (id: string, changes: Partial<Candidate> = {}): Candidate => ({
  id,
  name: id,
  free: 2,
  open: 0,
  lastAssignedAt: 0,
  ...changes,
});

const room = (changes: Partial<Parameters<typeof nextInTurn>[1]> = {}) => ({
  previousAgentId: null,
  queuedAt: new Date('2026-03-02T10:00:00Z'),
  ...changes,
});

describe('round-robin choice of the next agent', () => {
  it('gives the room to the agent with the fewest open chats', () => {
    const agents = [agent('a', { open: 2 }), agent('b', { open: 1 }), agent('c', { open: 3 })];
    expect(nextInTurn(agents, room())?.id).toBe('b');
  });

  it('between equals, to the one whose last auto-assigned room is oldest', () => {
    const agents = [agent('a', { lastAssignedAt: 30 }), agent('b', { lastAssignedAt: 10 })];
    expect(nextInTurn(agents, room())?.id).toBe('b');
    expect(nextInTurn([agent('b'), agent('a')], room())?.id).toBe('a');
  });

  it('never gives a second room while an eligible agent has none', () => {
    const agents = [agent('a'), agent('b'), agent('c')];
    const given: string[] = [];
    for (let turn = 0; turn < 7; turn += 1) {
      const chosen = nextInTurn(agents, room());
      if (!chosen) break;
      given.push(chosen.id);
      chosen.open += 1;
      chosen.free -= 1;
      chosen.lastAssignedAt = turn + 1;
    }
    // Two chats each at most: the seventh finds everyone full.
    expect(given).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('skips agents with no room for another chat and the agent who just left the room', () => {
    const agents = [agent('a', { free: 0 }), agent('b', { open: 3 }), agent('c', { open: 1 })];
    expect(nextInTurn(agents, room())?.id).toBe('c');
    expect(nextInTurn(agents, room({ previousAgentId: 'c' }))?.id).toBe('b');
  });

  it('gives a team’s room to a member only, once membership is known', () => {
    const member = agent('m', { open: 4, teamIds: ['t1'] });
    const outsider = agent('o', { teamIds: ['t2'] });
    expect(nextInTurn([outsider, member], room({ teamId: 't1' }))?.id).toBe('m');
    expect(eligibleFor(room({ teamId: 't1' }), agent('x'))).toBe(true);
    expect(eligibleFor(room({ teamId: null }), outsider)).toBe(true);
  });

  it('finds no one when every agent is full or the one who left', () => {
    expect(nextInTurn([agent('a')], room({ previousAgentId: 'a' }))).toBeUndefined();
    expect(nextInTurn([agent('a', { free: 0 })], room())).toBeUndefined();
  });
});

describe('the order waiting rooms are served in', () => {
  it('serves urgent first, then high, normal and low, each oldest first', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 10, minute));
    const rooms = [
      { id: 'low', priority: 'low' as const, queuedAt: at(0), previousAgentId: null },
      { id: 'normal-late', queuedAt: at(5), previousAgentId: null },
      { id: 'urgent', priority: 'urgent' as const, queuedAt: at(9), previousAgentId: null },
      { id: 'normal-early', priority: 'normal' as const, queuedAt: at(1), previousAgentId: null },
      { id: 'high', priority: 'high' as const, queuedAt: at(8), previousAgentId: null },
    ];
    expect(servingOrder(rooms).map((room) => room.id)).toEqual([
      'urgent',
      'high',
      'normal-early',
      'normal-late',
      'low',
    ]);
  });
});
