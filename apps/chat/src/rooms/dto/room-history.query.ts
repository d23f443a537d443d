import { roomPrioritySchema } from '@app/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { historyCursorSchema } from '../room-history';

const id = z.string().min(1).max(64);

/** A list given as `a,b` or as the parameter repeated. */
const listOf = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) => [value].flat().flatMap((part) => part.split(',')))
    .pipe(z.array(item).min(1).max(8));

/** A day (`2026-12-01`, midnight UTC) or an instant with its offset. */
const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value));

/** The history's filters, which search takes too. */
export const roomHistoryFilterFields = {
  status: listOf(z.enum(['queued', 'active', 'closed', 'offline']))
    .optional()
    .describe('Conversations in these states only, e.g. `closed` or `queued,active`.'),
  agentId: id.optional().describe('Conversations this agent holds or held last.'),
  teamId: id.optional().describe('Conversations routed to this team (`none`: to no team).'),
  chatbotId: id.optional().describe('Conversations of this chatbot.'),
  category: id.optional().describe('Conversations of this category id (`none`: without).'),
  label: id.optional().describe('Conversations wearing this label id.'),
  priority: listOf(roomPrioritySchema)
    .optional()
    .describe('Conversations of these priorities, e.g. `high,urgent`.'),
  csat: listOf(z.enum(['1', '2', '3', '4', '5', 'none']))
    .optional()
    .describe('Conversations rated so (the visitor’s latest rating), e.g. `1,2`; `none`: unrated.'),
  from: instant.optional().describe('Started at or after this day or instant.'),
  to: instant.optional().describe('Started before this day or instant.'),
};

/** Refuses a date range that ends before it starts. */
export const rangeInOrder: [
  (query: { from?: Date; to?: Date }) => boolean,
  { message: string; path: string[] },
] = [
  (query) => !query.from || !query.to || query.from < query.to,
  { message: 'must be after `from`', path: ['to'] },
];

/** `GET /rooms`: the history's filters and page. */
export class RoomHistoryQuery extends createZodDto(
  z
    .strictObject({
      ...roomHistoryFilterFields,
      cursor: historyCursorSchema
        .optional()
        .describe('`nextCursor` of the page before; without it, the newest page.'),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    })
    .refine(...rangeInOrder),
) {}
