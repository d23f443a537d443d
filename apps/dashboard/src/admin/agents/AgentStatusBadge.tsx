import { Badge, type BadgeTone } from '../../ui/Badge';
import type { AgentStatus } from './agentTypes';

const TONES: Record<AgentStatus, BadgeTone> = {
  active: 'success',
  invited: 'info',
  deactivated: 'neutral',
};

const LABELS: Record<AgentStatus, string> = {
  active: 'Active',
  invited: 'Invited',
  deactivated: 'Deactivated',
};

export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}
