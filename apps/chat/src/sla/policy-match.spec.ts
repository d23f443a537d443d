import { matchingPolicy } from './policy-match';

const policy = (policyId: string, fields: { categoryId?: string; teamId?: string } = {}) => ({
  policyId,
  priority: 'high' as const,
  categoryId: fields.categoryId ?? null,
  teamId: fields.teamId ?? null,
  firstResponseSeconds: 60,
  resolutionSeconds: 600,
});

describe('matchingPolicy', () => {
  const policies = [
    policy('priority'),
    policy('team', { teamId: 'sales' }),
    policy('category', { categoryId: 'billing' }),
    policy('both', { categoryId: 'billing', teamId: 'sales' }),
  ];

  it('picks team and category over category over team over the priority alone', () => {
    const room = { priority: 'high' as const };
    expect(
      matchingPolicy(policies, { ...room, category: 'billing', teamId: 'sales' })?.policyId,
    ).toBe('both');
    expect(
      matchingPolicy(policies, { ...room, category: 'billing', teamId: 'support' })?.policyId,
    ).toBe('category');
    expect(
      matchingPolicy(policies, { ...room, category: 'other', teamId: 'sales' })?.policyId,
    ).toBe('team');
    expect(matchingPolicy(policies, { ...room, category: null, teamId: null })?.policyId).toBe(
      'priority',
    );
  });

  it('applies no policy of another priority', () => {
    expect(
      matchingPolicy(policies, { priority: 'low', category: 'billing', teamId: 'sales' }),
    ).toBeNull();
  });
});
