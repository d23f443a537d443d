import type { RoomSummary } from '@app/contracts';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { playChime } from './alert-sound';
import { notifyAgent } from './desktop-notifications';
import { QueueArrivals } from './queue-arrivals';
import { soundWanted } from './sound-preference';

/** A chime and a desktop notification for each visitor who starts waiting after the page loaded. */
export function useArrivalAlerts(queue: RoomSummary[] | null): void {
  const arrivals = useRef(new QueueArrivals());
  const navigate = useNavigate();

  useEffect(() => {
    if (!queue) return;
    const newcomers = arrivals.current.arrivals(queue);
    if (newcomers.length === 0) return;
    if (soundWanted()) playChime();
    for (const room of newcomers)
      notifyAgent(
        `${room.visitor.name || 'A visitor'} is waiting`,
        room.visitor.email,
        `parley-queue-${room.roomId}`,
        () => navigate(`/inbox/${room.roomId}`),
      );
  }, [queue, navigate]);
}
