import { ROOM_PRIORITIES } from '@app/contracts';
import { canSeeTeam, priorityRank, routedTeam } from './room-routing';

describe('room routing', () => {
  it('ranks priorities urgent > high > normal > low', () => {
    const ranked = [...ROOM_PRIORITIES].sort((a, b) => priorityRank(b) - priorityRank(a));
    expect(ranked).toEqual(['urgent', 'high', 'normal', 'low']);
  });

  const teams = [
    { id: 'billing', categoryIds: ['invoices', 'refunds'] },
    { id: 'refunds-desk', categoryIds: ['refunds'] },
  ];

  it('routes a category to the first team that takes it', () => {
    expect(routedTeam({ category: 'refunds', teamId: null }, teams)).toBe('billing');
    expect(routedTeam({ category: 'invoices', teamId: null }, teams)).toBe('billing');
  });

  it('keeps a team given explicitly, and leaves a room of no routed category to everyone', () => {
    expect(routedTeam({ category: 'refunds', teamId: 'refunds-desk' }, teams)).toBe('refunds-desk');
    expect(routedTeam({ category: 'shipping', teamId: null }, teams)).toBeNull();
    expect(routedTeam({ category: null, teamId: null }, teams)).toBeNull();
  });

  it('shows a team’s rooms to its members and supervisors only', () => {
    expect(canSeeTeam({ supervisor: false, teamIds: ['billing'] }, 'billing')).toBe(true);
    expect(canSeeTeam({ supervisor: false, teamIds: ['billing'] }, null)).toBe(true);
    expect(canSeeTeam({ supervisor: false, teamIds: [] }, 'billing')).toBe(false);
    expect(canSeeTeam({ supervisor: true }, 'billing')).toBe(true);
  });
});
