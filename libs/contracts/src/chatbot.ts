import { z } from 'zod';

/**
 * One question of a chatbot's flat pre-chat form, from before journeys: still accepted
 * (deprecated) and read from old documents and events, as the linear journey it amounts to.
 */
export const preChatFieldSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _'),
  label: z.string().trim().min(1).max(200),
  type: z.enum(['text', 'email', 'single-choice', 'multiple-choice']),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  /** The answer to this single-choice question is the conversation's category in analytics. */
  category: z.boolean().optional(),
});

export const preChatFormSchema = z
  .strictObject({
    fields: z.array(preChatFieldSchema).max(20).default([]),
  })
  .superRefine((form, context) => {
    const categories = form.fields.flatMap((field, index) => (field.category ? [index] : []));
    for (const index of categories.slice(1))
      context.addIssue({
        code: 'custom',
        path: ['fields', index, 'category'],
        message: 'only one question can be the category',
      });
    for (const index of categories)
      if (form.fields[index].type !== 'single-choice')
        context.addIssue({
          code: 'custom',
          path: ['fields', index, 'category'],
          message: 'only a single-choice question can be the category',
        });
  });

export const appearanceSchema = z.strictObject({
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour')
    .default('#2563eb'),
  greeting: z.string().trim().max(300).default('Hi! How can we help?'),
  waitingMessage: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .default('A live agent will join the chat shortly.'),
});

export type PreChatForm = z.infer<typeof preChatFormSchema>;
export type Appearance = z.infer<typeof appearanceSchema>;
