import { appearanceSchema, journeySchema } from '@app/contracts';
import { z } from 'zod';

/** The bodies the widget routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const widgetConfigAnswer = z.object({
  chatbotId: z.string(),
  name: z.string(),
  appearance: appearanceSchema,
  journey: journeySchema,
  availability: z
    .enum(['online', 'offline'])
    .describe('offline: show the offline message form instead of starting a chat.'),
  offlineReason: z
    .enum(['outside-hours', 'no-agent-available'])
    .optional()
    .describe('Why the chatbot is offline (only when it is).'),
});

export const offlineMessageAnswer = z.object({
  roomId: z.string().describe('The offline room; the visitor is mailed a confirmation.'),
});

export const widgetSessionAnswer = z.object({
  roomId: z.string(),
  visitorToken: z.string().describe('Bearer token of this room’s visitor (REST and socket).'),
  appearance: appearanceSchema,
});

export const conversationLookAnswer = z.object({
  roomId: z.string(),
  chatbotName: z.string().nullable().describe('null when the chatbot was deleted since.'),
  appearance: appearanceSchema,
});
