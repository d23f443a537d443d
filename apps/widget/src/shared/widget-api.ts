import type { Appearance, PreChatForm } from '@app/contracts';
import type { EmbedOptions } from './embed-options';
import { type ApiAnswer, postJson } from './http';

/** What the widget needs to know about the chatbot before a conversation exists. */
export interface WidgetConfig {
  chatbotId: string;
  name: string;
  appearance: Appearance;
  preChatForm: PreChatForm;
}

export type PreChatField = PreChatForm['fields'][number];

export interface NewSession {
  name: string;
  email: string;
  answers: Record<string, string | string[]>;
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

export function fetchWidgetConfig(embed: EmbedOptions): Promise<ApiAnswer<WidgetConfig>> {
  return postJson(`${embed.baseUrl}/api/chat/widget/config`, credentials(embed));
}

export function openSession(
  embed: EmbedOptions,
  visitor: NewSession,
): Promise<ApiAnswer<OpenedSession>> {
  return postJson(`${embed.baseUrl}/api/chat/widget/sessions`, {
    ...credentials(embed),
    ...visitor,
  });
}
