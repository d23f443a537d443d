import { type IntercomScope, type IntercomStatusView, type Jsonified } from '@app/contracts';

export type IntercomStatus = Jsonified<IntercomStatusView>;
export type { IntercomScope };

export const INTERCOM_PATH = '/api/chat/integrations/intercom';

/** What a connect or a change sends: the credentials only when typed (a change keeps them). */
export interface IntercomDraft {
  accessToken: string;
  clientSecret: string;
  scope: IntercomScope;
}

export function describeScope(scope: IntercomScope | null, names: Map<string, string>): string {
  if (!scope) return 'Nothing';
  if (scope.allChatbots) return 'Every chatbot';
  const named = [...scope.chatbotIds, ...scope.categoryIds].map((id) => names.get(id) ?? id);
  return named.join(', ');
}
