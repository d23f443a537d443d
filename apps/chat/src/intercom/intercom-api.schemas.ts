import { z } from 'zod';

/**
 * The parts of Intercom's REST answers and webhook notifications the bridge reads (API version
 * 2.11; see docs/integrations/vendor-apis.md for each shape and its source). Objects are loose:
 * Intercom adds fields, and only these are relied on. Ids are strings in Intercom's JSON.
 */

const id = z.union([z.string(), z.number()]).transform(String);

/** `GET /me`: the admin the access token belongs to, and its workspace (app). */
export const meSchema = z.looseObject({
  type: z.string().optional(),
  id,
  name: z.string().nullish(),
  email: z.string().nullish(),
  app: z.looseObject({ id_code: z.string().nullish(), name: z.string().nullish() }).nullish(),
});
export type IntercomMe = z.infer<typeof meSchema>;

export const contactSchema = z.looseObject({
  id,
  role: z.string().nullish(),
  email: z.string().nullish(),
  name: z.string().nullish(),
});
export type IntercomContact = z.infer<typeof contactSchema>;

/** `POST /contacts/search`. */
export const contactListSchema = z.looseObject({ data: z.array(contactSchema).default([]) });

/** `POST /conversations` answers the message that started it, not the conversation. */
export const startedSchema = z.looseObject({ id, conversation_id: id });

export const partAuthorSchema = z.looseObject({
  type: z.string(),
  id: id.nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});

export const conversationPartSchema = z.looseObject({
  id,
  part_type: z.string(),
  body: z.string().nullish(),
  created_at: z.number(),
  author: partAuthorSchema,
});
export type IntercomPart = z.infer<typeof conversationPartSchema>;

export const conversationSchema = z.looseObject({
  type: z.literal('conversation').optional(),
  id,
  state: z.string().nullish(),
  open: z.boolean().nullish(),
  updated_at: z.number().nullish(),
  source: z.looseObject({ id: id.nullish(), author: partAuthorSchema.nullish() }).nullish(),
  contacts: z
    .looseObject({ contacts: z.array(z.looseObject({ id, email: z.string().nullish() })) })
    .nullish(),
  conversation_parts: z
    .looseObject({ conversation_parts: z.array(conversationPartSchema).default([]) })
    .nullish(),
});
export type IntercomConversation = z.infer<typeof conversationSchema>;

/** An error answer: `{ type: "error.list", errors: [{ code, message?, field? }] }`. */
export const errorListSchema = z.looseObject({
  errors: z.array(z.looseObject({ code: z.string(), message: z.string().nullish() })).min(1),
});

/** A webhook notification; `data.item` is a conversation for the conversation topics. */
export const notificationSchema = z.looseObject({
  type: z.literal('notification_event'),
  id: z.string().nullish(),
  topic: z.string(),
  created_at: z.number().nullish(),
  data: z.looseObject({ item: z.unknown() }),
});
export type IntercomNotification = z.infer<typeof notificationSchema>;
