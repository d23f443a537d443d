import { type IntercomStatusView, type Jsonified } from '@app/contracts';
import { z } from 'zod';

/** The bodies the bridge's routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const intercomStatusAnswer = z.object({
  connected: z.boolean(),
  scope: z
    .object({
      allChatbots: z.boolean(),
      chatbotIds: z.array(z.string()),
      categoryIds: z.array(z.string()),
    })
    .nullable(),
  workspace: z
    .object({ name: z.string().nullable(), adminName: z.string().nullable() })
    .nullable()
    .describe('the Intercom workspace and admin the token belongs to'),
  connectedAt: z.iso.datetime().nullable(),
  lastWebhookAt: z.iso.datetime().nullable(),
  lastPollAt: z.iso.datetime().nullable(),
  lastForwardAt: z.iso.datetime().nullable(),
  lastError: z.object({ at: z.iso.datetime(), message: z.string() }).nullable(),
  webhookUrl: z.string().describe('the address to give Intercom for its webhooks'),
}) satisfies z.ZodType<Jsonified<IntercomStatusView>>;

export const webhookReceivedAnswer = z.object({ received: z.literal(true) });
