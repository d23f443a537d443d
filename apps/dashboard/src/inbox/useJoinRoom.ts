import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { explainError } from '../ui/explainError';
import { useInbox } from './InboxProvider';

/** Joining a waiting room, then opening it; a refusal is kept per room to show beside it. */
export function useJoinRoom() {
  const { actions } = useInbox();
  const navigate = useNavigate();
  const [joining, setJoining] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const join = useCallback(
    async (roomId: string) => {
      setJoining(roomId);
      setErrors(({ [roomId]: _, ...others }) => others);
      try {
        await actions.join(roomId);
        navigate(`/inbox/${roomId}`);
      } catch (error) {
        setErrors((others) => ({ ...others, [roomId]: explainError(error) }));
      } finally {
        setJoining(null);
      }
    },
    [actions, navigate],
  );

  return { join, joining, errorOf: (roomId: string) => errors[roomId] };
}
