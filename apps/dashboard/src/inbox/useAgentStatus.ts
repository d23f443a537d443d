import type { ServerToClientEvents } from '@app/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useMe } from '../auth/SessionProvider';
import { request } from './agent-socket';
import { fetchOnlineAgents } from './chat-api';
import { useInbox } from './InboxProvider';

export type AgentStatus = 'available' | 'busy' | 'away';

export const AGENT_STATUS_LABELS: Record<AgentStatus | 'offline', string> = {
  available: 'Available',
  busy: 'Busy',
  away: 'Away',
  offline: 'Offline',
};

/**
 * The agent's own availability. The server keeps it across connections, so it is read back
 * after each connect; `agent:presence` carries a change made in another tab.
 */
export function useAgentStatus() {
  const { socket, connection } = useInbox();
  const { user } = useMe();
  const [status, setStatus] = useState<AgentStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (connection !== 'connected') return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The server may list this socket a moment after telling it that it is connected.
    const readBack = (attemptsLeft: number) => {
      fetchOnlineAgents().then(
        (agents) => {
          if (!current) return;
          const mine = agents.find((agent) => agent.id === user.id);
          if (mine) setStatus(mine.status);
          else if (attemptsLeft > 0) timer = setTimeout(() => readBack(attemptsLeft - 1), 1000);
        },
        () => undefined,
      );
    };
    readBack(5);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [connection, user.id]);

  useEffect(() => {
    const onPresence: ServerToClientEvents['agent:presence'] = (update) => {
      if (update.agentId === user.id && update.status !== 'offline') setStatus(update.status);
    };
    socket.on('agent:presence', onPresence);
    return () => {
      socket.off('agent:presence', onPresence);
    };
  }, [socket, user.id]);

  const choose = useCallback(
    async (next: AgentStatus) => {
      setError(null);
      try {
        const answer = await request(socket, 'agent:status', { status: next });
        setStatus(answer.status);
      } catch (refused) {
        setError(refused);
      }
    },
    [socket],
  );

  return { status, choose, error };
}
