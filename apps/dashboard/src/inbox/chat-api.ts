import type {
  ChatMessage,
  MessageAttachment,
  RoomSummary,
  UploadedAttachment,
} from '@app/contracts';
import { api } from '../api/client';

/** A room with its visitor's details, as `GET /api/chat/rooms/:id` answers. */
export interface RoomDetails extends RoomSummary {
  visitor: {
    id: string;
    name: string;
    email: string;
    ip: string;
    browser: { name?: string; version?: string; os?: string; device?: string };
    verified: boolean;
  };
  /** Pre-chat answers by question id; absent when the visitor gave none. */
  answers?: Record<string, string | string[]>;
  /** The files answering image questions, by question id, with links made for this answer. */
  answerFiles?: Record<string, MessageAttachment>;
  /** The journey version the visitor walked and its steps, start to end; null before journeys. */
  journey?: { version: number; path: string[] } | null;
}

export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

export interface OnlineAgent {
  id: string;
  name: string;
  status: 'available' | 'busy' | 'away';
}

/** Offline messages no agent has taken yet, oldest first. */
export async function fetchOfflineRooms(): Promise<RoomSummary[]> {
  return (await api<{ rooms: RoomSummary[] }>('/api/chat/rooms/offline')).rooms;
}

/** The chatbot fields the inbox shows: its name and the labels of its pre-chat questions. */
export interface ChatbotInfo {
  id: string;
  name: string;
  /** Its journey's steps; questions have a label. */
  journey?: { nodes: { id: string; label?: string }[] };
}

export const HISTORY_PAGE_SIZE = 50;

/** Deletes a closed conversation for good: its messages and its files (`chats:delete`). */
export function deleteConversation(roomId: string): Promise<void> {
  return api<void>(`/api/chat/rooms/${encodeURIComponent(roomId)}`, { method: 'DELETE' });
}

/** Uploads a file to a room, for a message to carry (rejects with an ApiError: 413, 415, 503). */
export function uploadAttachment(roomId: string, file: File): Promise<UploadedAttachment> {
  const form = new FormData();
  form.append('file', file);
  return api<UploadedAttachment>(`/api/chat/rooms/${encodeURIComponent(roomId)}/attachments`, {
    method: 'POST',
    body: form,
  });
}

export async function fetchMyRooms(): Promise<RoomSummary[]> {
  return (await api<{ rooms: RoomSummary[] }>('/api/chat/rooms/mine')).rooms;
}

export function fetchRoom(roomId: string): Promise<RoomDetails> {
  return api<RoomDetails>(`/api/chat/rooms/${encodeURIComponent(roomId)}`);
}

/** The page of messages just before `before` (a seq), oldest first. */
export function fetchHistory(roomId: string, before: number): Promise<HistoryPage> {
  return api<HistoryPage>(`/api/chat/rooms/${encodeURIComponent(roomId)}/messages`, {
    query: { before, limit: HISTORY_PAGE_SIZE },
  });
}

export async function fetchOnlineAgents(): Promise<OnlineAgent[]> {
  return (await api<{ agents: OnlineAgent[] }>('/api/chat/agents/online')).agents;
}

export async function fetchChatbots(): Promise<ChatbotInfo[]> {
  return (await api<{ chatbots: ChatbotInfo[] }>('/api/tenant/chatbots')).chatbots;
}
