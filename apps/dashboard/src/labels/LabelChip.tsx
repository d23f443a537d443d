import type { ReactNode } from 'react';
import { textColorOn } from './label-colors';
import type { LabelInfo } from './useLabels';

/** A label as a chip in its own colour. */
export function LabelChip({ label, children }: { label: LabelInfo; children?: ReactNode }) {
  return (
    <span
      className="label-chip"
      data-testid="room-label"
      style={{ background: label.color, color: textColorOn(label.color) }}
    >
      {label.name}
      {children}
    </span>
  );
}

/** The labels of a room that still exist, as chips; nothing when it wears none. */
export function LabelChips({
  ids,
  labelOf,
}: {
  ids: string[] | undefined;
  labelOf(id: string): LabelInfo | null;
}) {
  const labels = (ids ?? []).map(labelOf).filter((label) => label !== null);
  if (labels.length === 0) return null;
  return (
    <span className="label-chips" aria-label="Labels">
      {labels.map((label) => (
        <LabelChip key={label.id} label={label} />
      ))}
    </span>
  );
}
