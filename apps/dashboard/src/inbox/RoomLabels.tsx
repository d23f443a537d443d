import type { RoomSummary } from '@app/contracts';
import { LabelChips } from '../labels/LabelChip';
import { useLabels } from '../labels/useLabels';
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

/**
 * A room's priority (unless normal), category and team, as small badges, and its labels as chips
 * in their colours (`withLabels` false: shown by the caller, e.g. with their remove buttons).
 */
export function RoomLabels({
  room,
  routing,
  withLabels = true,
}: {
  room: Pick<RoomSummary, 'priority' | 'category' | 'teamId' | 'labels'>;
  routing: Pick<Routing, 'categoryName' | 'teamName'>;
  withLabels?: boolean;
}) {
  const { labelOf } = useLabels();
  const priority = room.priority ?? 'normal';
  const category = routing.categoryName(room.category ?? null);
  const team = routing.teamName(room.teamId ?? null);
  const labels = withLabels ? (room.labels ?? []).filter((id) => labelOf(id) !== null) : [];
  if (priority === 'normal' && !category && !team && labels.length === 0) return null;
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
      <LabelChips ids={labels} labelOf={labelOf} />
    </span>
  );
}
