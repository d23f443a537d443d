import type { RoomSummary } from '@app/contracts';
import { Badge, type BadgeTone } from '../ui/Badge';
import type { Routing } from './useRouting';

const PRIORITY_TONE: Record<RoomSummary['priority'], BadgeTone> = {
  urgent: 'danger',
  high: 'warning',
  normal: 'neutral',
  low: 'neutral',
};

/** The priorities, most urgent first (the queue's order). */
export const PRIORITIES_HIGH_FIRST: ReadonlyArray<RoomSummary['priority']> = [
  'urgent',
  'high',
  'normal',
  'low',
];

export const PRIORITY_LABEL: Record<RoomSummary['priority'], string> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
};

/** A room's priority (unless normal), category and team, as small badges. */
export function RoomLabels({
  room,
  routing,
}: {
  room: Pick<RoomSummary, 'priority' | 'category' | 'teamId'>;
  routing: Pick<Routing, 'categoryName' | 'teamName'>;
}) {
  const priority = room.priority ?? 'normal';
  const category = routing.categoryName(room.category ?? null);
  const team = routing.teamName(room.teamId ?? null);
  if (priority === 'normal' && !category && !team) return null;
  return (
    <span className="inbox-room-labels">
      {priority !== 'normal' && (
        <span data-testid="room-priority">
          <Badge tone={PRIORITY_TONE[priority]}>{PRIORITY_LABEL[priority]}</Badge>
        </span>
      )}
      {category && (
        <span data-testid="room-category">
          <Badge tone="info">{category}</Badge>
        </span>
      )}
      {team && (
        <span data-testid="room-team">
          <Badge>{team}</Badge>
        </span>
      )}
    </span>
  );
}
