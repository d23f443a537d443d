import type { RoomSummary } from '@app/contracts';
import { useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PRIORITIES_HIGH_FIRST, PRIORITY_LABEL } from './RoomLabels';
import type { Routing } from './useRouting';

/**
 * The room's agent (or a supervisor) sets its category and priority; saved at once, and shown
 * when the server's `room:updated` comes back.
 */
export function RoomLabelEditor({
  room,
  routing,
}: {
  room: Pick<RoomSummary, 'roomId' | 'priority' | 'category'>;
  routing: Pick<Routing, 'categories'>;
}) {
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const save = async (body: { category?: string | null; priority?: string }) => {
    setSaving(true);
    setError(null);
    try {
      await api<RoomSummary>(`/api/chat/rooms/${room.roomId}`, { method: 'PATCH', body });
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="inbox-label-editor" role="group" aria-label="Category and priority">
      {routing.categories.length > 0 && (
        <select
          className="input"
          aria-label="Category"
          disabled={saving}
          value={room.category ?? ''}
          onChange={(event) => void save({ category: event.target.value || null })}
        >
          <option value="">No category</option>
          {routing.categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
      )}
      <select
        className="input"
        aria-label="Priority"
        disabled={saving}
        value={room.priority ?? 'normal'}
        onChange={(event) => void save({ priority: event.target.value })}
      >
        {PRIORITIES_HIGH_FIRST.map((priority) => (
          <option key={priority} value={priority}>
            {PRIORITY_LABEL[priority]}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
    </div>
  );
}
