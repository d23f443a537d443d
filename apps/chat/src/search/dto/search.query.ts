import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { rangeInOrder, roomHistoryFilterFields } from '../../rooms/dto/room-history.query';
import { searchCursorSchema } from '../search-query';

/** `GET /search`: the words, the order, the history's filters and the page. */
export class SearchQuery extends createZodDto(
  z
    .strictObject({
      q: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .describe(
          'The words to find, all of them, in messages, private notes, or the visitor’s name or email. Searched as plain text: quotes, operators and wildcards are not syntax.',
        ),
      sort: z
        .enum(['relevance', 'date'])
        .default('relevance')
        .describe('`relevance` (best match first) or `date` (newest first).'),
      ...roomHistoryFilterFields,
      cursor: searchCursorSchema
        .optional()
        .describe('`nextCursor` of the page before, with the same `q`, `sort` and filters.'),
      limit: z.coerce.number().int().min(1).max(50).default(20),
    })
    .refine(...rangeInOrder)
    .refine(
      // A cursor holds the sort values of its own order: the score only in relevance's.
      (query) => !query.cursor || query.cursor.length === (query.sort === 'relevance' ? 3 : 2),
      { message: 'not a cursor of this sort', path: ['cursor'] },
    ),
) {}
