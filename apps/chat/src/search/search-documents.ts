import { type StoredAttachment } from '../attachments/attachment-links';

/**
 * What the search index holds, one document per conversation (its visitor and the fields the
 * filters read) and one per message and private note, joined to their conversation: a room's
 * state changes by updating its one document, never its messages.
 */
export type SearchDocumentKind = 'room' | 'message' | 'note';

export interface RoomSource {
  _id: string;
  tenantId: string;
  displayId: number;
  chatbotId: string;
  visitor: { name: string; email: string };
  status: string;
  agentId: string | null;
  previousAgentId?: string | null;
  teamId: string | null;
  category: string | null;
  priority: string;
  labels?: string[];
  csat?: { rating: number } | null;
  createdAt: Date;
}

export interface MessageSource {
  _id: string;
  tenantId: string;
  roomId: string;
  sender: { type: 'visitor' | 'agent' | 'system'; id?: string };
  body: string;
  attachments?: StoredAttachment[];
  createdAt: Date;
}

export interface NoteSource {
  _id: string;
  tenantId: string;
  roomId: string;
  author: { id: string };
  body: string;
  createdAt: Date;
}

export interface IndexedDocument {
  id: string;
  /** Every document of a room lives on the room's shard (a join's rule). */
  routing: string;
  body: Record<string, unknown>;
}

export const roomDocumentId = (roomId: string) => `room:${roomId}`;

/** `contactName`: the name an agent gave the visitor's contact, found like the name given. */
export function roomDocument(room: RoomSource, contactName?: string | null): IndexedDocument {
  const id = roomDocumentId(room._id);
  return {
    id,
    routing: room._id,
    body: {
      docId: id,
      kind: 'room',
      relation: 'room',
      tenantId: room.tenantId,
      roomId: room._id,
      displayId: room.displayId,
      chatbotId: room.chatbotId,
      visitorName: room.visitor.name,
      visitorEmail: room.visitor.email,
      contactName: contactName ?? null,
      status: room.status,
      agentId: room.agentId,
      previousAgentId: room.previousAgentId ?? null,
      teamId: room.teamId,
      category: room.category,
      priority: room.priority,
      labels: room.labels ?? [],
      csat: room.csat?.rating ?? null,
      at: room.createdAt.toISOString(),
    },
  };
}

/** Null for what nobody searches: system lines (joined, left) and a message that is only files. */
export function messageDocument(message: MessageSource): IndexedDocument | null {
  if (message.sender.type === 'system') return null;
  const fileNames = (message.attachments ?? []).map((file) => file.name).join(' ');
  const body = [message.body, fileNames].filter(Boolean).join('\n');
  if (!body.trim()) return null;
  const id = `message:${message._id}`;
  return {
    id,
    routing: message.roomId,
    body: {
      docId: id,
      kind: 'message',
      relation: { name: 'message', parent: roomDocumentId(message.roomId) },
      tenantId: message.tenantId,
      roomId: message.roomId,
      sourceId: message._id,
      authorKind: message.sender.type,
      authorId: message.sender.id ?? null,
      body,
      at: message.createdAt.toISOString(),
    },
  };
}

export function noteDocument(note: NoteSource): IndexedDocument {
  const id = `note:${note._id}`;
  return {
    id,
    routing: note.roomId,
    body: {
      docId: id,
      kind: 'note',
      relation: { name: 'note', parent: roomDocumentId(note.roomId) },
      tenantId: note.tenantId,
      roomId: note.roomId,
      sourceId: note._id,
      authorKind: 'agent',
      authorId: note.author.id,
      body: note.body,
      at: note.createdAt.toISOString(),
    },
  };
}
