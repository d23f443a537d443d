import { type IntercomScope } from '@app/contracts';

/** Whether a room's conversation goes to Intercom: every chatbot's, or its chatbot's or category's. */
export function isBridged(
  scope: IntercomScope,
  room: { chatbotId: string; category: string | null },
): boolean {
  return (
    scope.allChatbots ||
    scope.chatbotIds.includes(room.chatbotId) ||
    (room.category !== null && scope.categoryIds.includes(room.category))
  );
}
