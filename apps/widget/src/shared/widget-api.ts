import type { Appearance, RoomCsat, UploadedAttachment } from '@app/contracts';
import type { Journey, JourneyAnswer } from '@app/contracts/journey/journey-graph';
import type { EmbedOptions } from './embed-options';
import { type ApiAnswer, getAsVisitor, postFileAsVisitor, postForm, postJson } from './http';

/** What the widget needs to know about the chatbot before a conversation exists. */
export interface WidgetConfig {
  chatbotId: string;
  name: string;
  appearance: Appearance;
  /** The questions before a chat, asked one at a time. */
  journey: Journey;
  /** Offline: the widget offers an offline message instead of a live chat. */
  availability?: 'online' | 'offline';
  offlineReason?: OfflineReason;
}

export interface NewSession {
  name: string;
  email: string;
  answers: Record<string, JourneyAnswer>;
  /** The journey version answered: the server answers 409 `journey_changed` if it moved on. */
  journeyVersion: number;
}

export interface OpenedSession {
  roomId: string;
  visitorToken: string;
}

const credentials = ({ tenantId, chatbotId, apiKey }: EmbedOptions) => ({
  tenantId,
  chatbotId,
  apiKey,
});

// Chat learns of a chatbot, its key and its allowed origins from the tenant service's events, a
// moment after they change: a chatbot tried right after it was created (the dashboard links its
// demo page at once) or a key just rotated is refused for that moment, so refusals are asked
// again a few times before the widget says the chat is not available.
const CONFIG_RETRY_DELAYS_MS = [500, 1000, 2000, 4000];
const mayBeSettling = (status: number) => status === 401 || status === 403 || status === 0;

export async function fetchWidgetConfig(embed: EmbedOptions): Promise<ApiAnswer<WidgetConfig>> {
  const ask = () =>
    postJson<WidgetConfig>(`${embed.baseUrl}/api/chat/widget/config`, credentials(embed));
  let answer = await ask();
  for (const delay of CONFIG_RETRY_DELAYS_MS) {
    if (answer.ok || !mayBeSettling(answer.failure.status)) break;
    await new Promise((wake) => setTimeout(wake, delay));
    answer = await ask();
  }
  return answer;
}

export function openSession(
  embed: EmbedOptions,
  visitor: NewSession,
): Promise<ApiAnswer<OpenedSession>> {
  const signed =
    embed.identity &&
    embed.identity.email.trim().toLowerCase() === visitor.email.trim().toLowerCase();
  return postJson(`${embed.baseUrl}/api/chat/widget/sessions`, {
    ...credentials(embed),
    ...visitor,
    ...(signed ? { identityHash: embed.identity!.hash } : {}),
  });
}

export type OfflineReason = 'outside-hours' | 'no-agent-available';

/** A journey walked to its end before the server said nobody answers live where it leads. */
export interface WalkedJourney extends NewSession {
  offlineReason?: OfflineReason;
}

export interface OfflineMessage {
  name: string;
  email: string;
  message: string;
  /** The walked journey's answers: the offline room keeps where they lead (category, team). */
  answers?: NewSession['answers'];
  journeyVersion?: number;
}

/** A message left while nobody answers live: it is answered by email. */
export function leaveOfflineMessage(
  embed: EmbedOptions,
  message: OfflineMessage,
): Promise<ApiAnswer<{ roomId: string }>> {
  return postJson(`${embed.baseUrl}/api/chat/widget/offline-messages`, {
    ...credentials(embed),
    ...message,
  });
}

/** An image answering a journey's image question, uploaded before the session exists. */
export function uploadImage(embed: EmbedOptions, file: File): Promise<ApiAnswer<{ id: string }>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(credentials(embed))) form.append(name, value);
  form.append('file', file);
  return postForm(`${embed.baseUrl}/api/chat/widget/attachments`, form);
}

/** Uploads a file to the visitor's room, for a message to carry. */
export function uploadAttachment(
  baseUrl: string,
  roomId: string,
  visitorToken: string,
  file: Blob,
): Promise<ApiAnswer<UploadedAttachment>> {
  return postFileAsVisitor(
    `${baseUrl}/api/chat/rooms/${encodeURIComponent(roomId)}/attachments`,
    visitorToken,
    file,
  );
}

/** The look of the chatbot a room belongs to, for the conversation page (room token only). */
export interface ConversationLook {
  roomId: string;
  chatbotName: string | null;
  appearance: Appearance;
}

export function fetchConversationLook(
  baseUrl: string,
  visitorToken: string,
): Promise<ApiAnswer<ConversationLook>> {
  return getAsVisitor(`${baseUrl}/api/chat/widget/conversation`, visitorToken);
}

/** The visitor rates their conversation, closed as resolved (a later rating replaces it). */
export function rateConversation(
  baseUrl: string,
  roomId: string,
  visitorToken: string,
  body: { rating: number; comment?: string },
): Promise<ApiAnswer<RoomCsat>> {
  return postJson(
    `${baseUrl}/api/chat/rooms/${encodeURIComponent(roomId)}/csat`,
    body,
    visitorToken,
  );
}
