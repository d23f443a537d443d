/** Which of a workspace's conversations go to Intercom: every chatbot's, or those named. */
export interface IntercomScope {
  allChatbots: boolean;
  /** Chatbots whose conversations are bridged (with `allChatbots: false`). */
  chatbotIds: string[];
  /** Category ids (`GET /api/tenant/categories`) whose conversations are bridged. */
  categoryIds: string[];
}

export const INTERCOM_LIMITS = {
  /** Chatbot ids and category ids a scope may name, each. */
  scopeEntries: 100,
  credentialLength: 500,
} as const;

/**
 * The Intercom bridge of a workspace as `GET /api/chat/integrations/intercom` answers it: never
 * the access token nor the client secret.
 */
export interface IntercomStatusView {
  connected: boolean;
  scope: IntercomScope | null;
  /** The Intercom workspace (app) and admin the token belongs to, as Intercom named them. */
  workspace: { name: string | null; adminName: string | null } | null;
  connectedAt: Date | null;
  /** The last signed notification Intercom delivered. */
  lastWebhookAt: Date | null;
  /** The last time the polling fallback fetched a quiet conversation. */
  lastPollAt: Date | null;
  /** The last visitor message sent on to Intercom. */
  lastForwardAt: Date | null;
  lastError: { at: Date; message: string } | null;
  /** Paste into Intercom (Developer Hub → Webhooks), with the topics conversation.admin.replied and .closed. */
  webhookUrl: string;
}
