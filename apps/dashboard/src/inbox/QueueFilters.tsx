import type { ChatbotInfo } from './chat-api';
import type { Routing } from './useRouting';

/** The queue's narrowing, as `GET /api/chat/rooms/queue` takes it; `none`: without one. */
export interface QueueFilter {
  category?: string;
  teamId?: string;
  chatbotId?: string;
}

/** Three selects above the queue: category, team and chatbot (each "any" by default). */
export function QueueFilters({
  filter,
  onChange,
  routing,
  chatbots,
  label = 'Filter the queue',
}: {
  label?: string;
  filter: QueueFilter;
  onChange(filter: QueueFilter): void;
  routing: Pick<Routing, 'categories' | 'teams'>;
  chatbots: Map<string, ChatbotInfo>;
}) {
  const set = (field: keyof QueueFilter, value: string) =>
    onChange({ ...filter, [field]: value === '' ? undefined : value });
  const select = (
    field: keyof QueueFilter,
    label: string,
    options: Array<{ id: string; name: string }>,
    noneLabel?: string,
  ) => (
    <label className="inbox-filter">
      <span className="sr-only">{label}</span>
      <select
        className="input"
        aria-label={label}
        value={filter[field] ?? ''}
        onChange={(event) => set(field, event.target.value)}
      >
        <option value="">{`Any ${label.toLowerCase()}`}</option>
        {noneLabel && <option value="none">{noneLabel}</option>}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="inbox-filters" role="group" aria-label={label}>
      {routing.categories.length > 0 &&
        select('category', 'Category', routing.categories, 'No category')}
      {routing.teams.length > 0 && select('teamId', 'Team', routing.teams, 'No team')}
      {chatbots.size > 1 && select('chatbotId', 'Chatbot', [...chatbots.values()])}
    </div>
  );
}
