import type { RoomSummary } from '@app/contracts';
import { useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { LabelChip } from './LabelChip';
import type { Labels } from './useLabels';

/**
 * Any agent puts the workspace's labels on the conversation and takes them off; saved at once,
 * and shown when the server's `room:updated` comes back.
 */
export function RoomLabelPicker({
  room,
  labels,
}: {
  room: Pick<RoomSummary, 'roomId' | 'labels'>;
  labels: Labels;
}) {
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const worn = (room.labels ?? []).map(labels.labelOf).filter((label) => label !== null);
  const offered = labels.labels.filter((label) => !(room.labels ?? []).includes(label.id));
  const change = async (labelId: string, method: 'PUT' | 'DELETE') => {
    setSaving(true);
    setError(null);
    try {
      await api<RoomSummary>(`/api/chat/rooms/${room.roomId}/labels/${labelId}`, { method });
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  if (labels.labels.length === 0 && worn.length === 0) return null;
  return (
    <div className="label-picker" role="group" aria-label="Labels">
      {worn.map((label) => (
        <LabelChip key={label.id} label={label}>
          <button
            type="button"
            className="label-chip-remove"
            aria-label={`Remove label ${label.name}`}
            disabled={saving}
            onClick={() => void change(label.id, 'DELETE')}
          >
            ×
          </button>
        </LabelChip>
      ))}
      {offered.length > 0 && (
        <select
          className="input"
          aria-label="Add label"
          disabled={saving}
          value=""
          onChange={(event) => event.target.value && void change(event.target.value, 'PUT')}
        >
          <option value="">Add label…</option>
          {offered.map((label) => (
            <option key={label.id} value={label.id}>
              {label.name}
            </option>
          ))}
        </select>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
