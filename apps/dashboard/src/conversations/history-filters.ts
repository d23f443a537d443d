import type { RoomSummary } from '@app/contracts';
import type { BadgeTone } from '../ui/Badge';

/** The Conversations page's filters as the address keeps them; '' for "any". */
export interface HistoryFilters {
  status: string;
  priority: string;
  category: string;
  teamId: string;
  chatbotId: string;
  /** A label id. */
  label: string;
  /** '1': only the signed-in agent's conversations. */
  mine: string;
  /** Days as a date input gives them (`2026-12-01`), both included. */
  from: string;
  to: string;
  /** Words searched for; '' lists the conversations instead. */
  q: string;
  /** The search's order: '' (best match first) or 'date' (newest first). */
  sort: string;
}

export const FILTER_NAMES = [
  'status',
  'priority',
  'category',
  'teamId',
  'chatbotId',
  'label',
  'mine',
  'from',
  'to',
  'q',
  'sort',
] as const satisfies ReadonlyArray<keyof HistoryFilters>;

/** The filters the address holds. */
export function filtersFrom(params: URLSearchParams): HistoryFilters {
  return Object.fromEntries(
    FILTER_NAMES.map((name) => [name, params.get(name) ?? '']),
  ) as unknown as HistoryFilters;
}

/** The statuses offered, each the `status` list `GET /api/chat/rooms` takes. */
export const HISTORY_STATUSES = [
  { value: 'queued,active', label: 'Open' },
  { value: 'queued', label: 'Waiting' },
  { value: 'active', label: 'Taken' },
  { value: 'offline', label: 'Offline messages' },
  { value: 'closed', label: 'Closed' },
] as const;

/** The API's query for the filters: `to` is exclusive there, so the chosen day is included. */
export function historyQuery(
  filters: HistoryFilters,
  myId: string,
): Record<string, string | number> {
  const query: Record<string, string | number> = { limit: 50 };
  for (const name of [
    'status',
    'priority',
    'category',
    'teamId',
    'chatbotId',
    'label',
    'from',
  ] as const)
    if (filters[name]) query[name] = filters[name];
  if (filters.mine === '1') query.agentId = myId;
  if (filters.to) query.to = dayAfter(filters.to);
  return query;
}

/** `GET /api/chat/search`'s query: the words, their order and the list's filters. */
export function searchQuery(
  filters: HistoryFilters,
  myId: string,
): Record<string, string | number> {
  return {
    ...historyQuery(filters, myId),
    q: filters.q,
    sort: filters.sort === 'date' ? 'date' : 'relevance',
  };
}

function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** A conversation's state in a word, with its badge's tone. */
export function statusOf(room: Pick<RoomSummary, 'status' | 'agent'>): {
  label: string;
  tone: BadgeTone;
} {
  switch (room.status) {
    case 'closed':
      return { label: 'Closed', tone: 'neutral' };
    case 'offline':
      return { label: 'Offline message', tone: 'info' };
    case 'queued':
      return { label: 'Waiting', tone: 'info' };
    case 'standby':
      return { label: room.agent ? 'Visitor away' : 'Waiting · visitor away', tone: 'warning' };
    default:
      return { label: 'Taken', tone: 'success' };
  }
}
