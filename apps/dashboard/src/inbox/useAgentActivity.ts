import { useEffect } from 'react';
import type { AgentSocket } from './agent-socket';

/** At most one heartbeat a minute: the server's automatic away counts in minutes. */
const HEARTBEAT_EVERY_MS = 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'focus'] as const;

/**
 * Tells chat the agent is using the inbox (`agent:activity`), so an agent reading the queue
 * without writing is not set away for inactivity; throttled to one a minute.
 */
export function useAgentActivity(socket: AgentSocket): void {
  useEffect(() => {
    let lastSent = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastSent < HEARTBEAT_EVERY_MS || !socket.connected) return;
      lastSent = now;
      socket.emit('agent:activity', {});
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity);
    return () => {
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity);
    };
  }, [socket]);
}
