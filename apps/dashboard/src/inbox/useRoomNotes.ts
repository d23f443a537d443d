import type { RoomNote } from '@app/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { request } from './agent-socket';
import { useInbox } from './InboxProvider';
import { randomId } from './random-id';

export interface RoomNotes {
  notes: RoomNote[];
  error: unknown;
  /** Writes a note; rejects with the reason it was refused. */
  add(body: string): Promise<void>;
}

const byTime = (a: RoomNote, b: RoomNote) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function merged(notes: RoomNote[], more: RoomNote[]): RoomNote[] {
  const byId = new Map(notes.map((note) => [note.id, note]));
  for (const note of more) byId.set(note.id, note);
  return [...byId.values()].sort(byTime);
}

/** A conversation's private notes: loaded when it opens, then live (`note:new`). */
export function useRoomNotes(roomId: string): RoomNotes {
  const { socket } = useInbox();
  const [state, setState] = useState<{ roomId: string; notes: RoomNote[]; error: unknown }>({
    roomId,
    notes: [],
    error: null,
  });

  useEffect(() => {
    let current = true;
    const onNote = (note: RoomNote) => {
      if (note.roomId === roomId)
        setState((before) => ({ ...before, notes: merged(before.notes, [note]) }));
    };
    socket.on('note:new', onNote);
    api<{ notes: RoomNote[] }>(`/api/chat/rooms/${encodeURIComponent(roomId)}/notes`).then(
      (answer) =>
        current &&
        setState((before) => ({
          roomId,
          notes: merged(before.roomId === roomId ? before.notes : [], answer.notes),
          error: null,
        })),
      (error: unknown) => current && setState({ roomId, notes: [], error }),
    );
    return () => {
      current = false;
      socket.off('note:new', onNote);
    };
  }, [socket, roomId]);

  const add = useCallback(
    async (body: string) => {
      const { note } = await request(socket, 'note:add', {
        roomId,
        body,
        clientNoteId: randomId(),
      });
      setState((before) =>
        before.roomId === roomId ? { ...before, notes: merged(before.notes, [note]) } : before,
      );
    },
    [socket, roomId],
  );

  const notes = state.roomId === roomId ? state.notes : [];
  return { notes, error: state.roomId === roomId ? state.error : null, add };
}
