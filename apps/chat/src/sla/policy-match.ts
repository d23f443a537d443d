import { type RoomPriority, type SlaPolicySnapshot } from '@app/contracts';

export interface RoomScope {
  priority: RoomPriority;
  category: string | null;
  teamId: string | null;
}

/**
 * How specific a policy is when it matches: team and category beat category alone, which beats
 * team alone, which beats the priority alone. Category before team because a category says what
 * the visitor needs, a team only who answers.
 */
function specificity(policy: Pick<SlaPolicySnapshot, 'categoryId' | 'teamId'>): number {
  return (policy.categoryId ? 2 : 0) + (policy.teamId ? 1 : 0);
}

/** The policy that applies to a room: of the priority's, the most specific one that matches. */
export function matchingPolicy<P extends Omit<SlaPolicySnapshot, 'name' | 'escalation'>>(
  policies: P[],
  room: RoomScope,
): P | null {
  let best: P | null = null;
  for (const policy of policies) {
    if (policy.priority !== room.priority) continue;
    if (policy.categoryId && policy.categoryId !== room.category) continue;
    if (policy.teamId && policy.teamId !== room.teamId) continue;
    if (!best || specificity(policy) > specificity(best)) best = policy;
  }
  return best;
}
