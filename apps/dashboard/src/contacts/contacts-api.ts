import type {
  ContactExport,
  ContactNote,
  ContactProfile,
  Jsonified,
  RoomSummary,
} from '@app/contracts';
import { api } from '../api/client';

export type Contact = Jsonified<ContactProfile>;
export type ContactNoteView = Jsonified<ContactNote>;
export type { RoomSummary };

const contactPath = (id: string) => `/api/chat/contacts/${encodeURIComponent(id)}`;

/** The contact of a room's visitor: what the inbox opens beside a conversation. */
export function contactOfRoomQuery(roomId: string) {
  return { path: '/api/chat/contacts', query: { roomId } };
}

export const conversationsPath = (id: string) => `${contactPath(id)}/conversations`;
export const notesPath = (id: string) => `${contactPath(id)}/notes`;

export function renameContact(id: string, name: string): Promise<Contact> {
  return api<Contact>(contactPath(id), { method: 'PATCH', body: { name } });
}

export function addContactNote(id: string, body: string): Promise<ContactNoteView> {
  return api<ContactNoteView>(notesPath(id), { method: 'POST', body: { body } });
}

/** Everything about the contact (`contacts:export`), saved by the browser as a JSON file. */
export async function downloadContactExport(contact: Contact): Promise<void> {
  const data = await api<Jsonified<ContactExport>>(`${contactPath(contact.id)}/export`);
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = `contact-${contact.email}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

/** GDPR erasure (`contacts:erase`): the contact and all their conversations, for good. */
export function eraseContact(id: string): Promise<void> {
  return api<void>(contactPath(id), { method: 'DELETE' });
}
