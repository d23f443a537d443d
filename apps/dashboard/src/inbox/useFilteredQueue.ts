import type { QueuePage, RoomSummary } from '@app/contracts';
import { useEffect } from 'react';
import { useApi } from '../ui/useApi';
import type { QueueFilter } from './QueueFilters';

const FILTERED_PAGE_SIZE = 200;

/**
 * The queue narrowed by a filter, from the server (which counts what the filter keeps), asked
 * again whenever the live queue changes; null without a filter (the live queue is shown).
 */
export function useFilteredQueue(
  filter: QueueFilter,
  liveQueue: RoomSummary[] | null,
): { rooms: RoomSummary[] | null; total: number } | null {
  const active = Object.values(filter).some((value) => value !== undefined);
  const query = { ...filter, limit: FILTERED_PAGE_SIZE };
  const page = useApi<QueuePage>(active ? '/api/chat/rooms/queue' : null, query);
  const { reload } = page;
  useEffect(() => {
    if (active) reload();
  }, [liveQueue, active, reload]);
  if (!active) return null;
  return { rooms: page.data?.rooms ?? null, total: page.data?.total ?? 0 };
}
