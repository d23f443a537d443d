import type { Appearance, OfflineWhen } from '@app/contracts';
import type { Journey } from '@app/contracts/journey/journey-graph';

/** A chatbot as GET /api/tenant/chatbots answers it. */
export interface Chatbot {
  id: string;
  tenantId: string;
  name: string;
  allowedOrigins: string[];
  appearance: Appearance;
  /** The questions before a chat; `version` goes up on each save. */
  journey: Journey;
  /** The first characters of the key, to recognise it; null once revoked. */
  apiKeyPrefix: string | null;
  /** The chatbot has an identity secret: visitors' emails signed with it are verified. */
  identityVerification: boolean;
  /** Visitors whose email is not signed are refused. */
  requireVerifiedIdentity: boolean;
  /** When the widget offers an offline message instead of a live chat. */
  offlineWhen?: OfflineWhen;
  createdAt: string;
  updatedAt: string;
}

/** The answer to creation and key rotation: the only time the key is shown. */
export interface ChatbotWithKey extends Chatbot {
  apiKey: string;
  embedSnippet: string;
}

/** What the create and edit forms send. */
export interface ChatbotInput {
  name: string;
  allowedOrigins: string[];
  appearance: Appearance;
  journey: Pick<Journey, 'startNodeId' | 'nodes'>;
}

export const DEFAULT_APPEARANCE: Appearance = {
  color: '#4f46e5',
  greeting: 'Hi! How can we help?',
  waitingMessage: 'A live agent will join the chat shortly.',
};
