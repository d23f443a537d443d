import { z } from 'zod';
import { type RoomHistoryFilter } from '../rooms/room-history';
import { type QueueAudience } from '../rooms/room-routing';

export type SearchSort = 'relevance' | 'date';

export interface SearchRequest {
  /** What the agent typed: always words to look for, never a query language. */
  text: string;
  sort: SearchSort;
  filter: RoomHistoryFilter;
  audience: QueueAudience & { agentId: string };
  after: SearchPosition | null;
  limit: number;
}

/** The sort values of a page's last hit, where the next page starts (`search_after`). */
export type SearchPosition = Array<number | string>;

export function searchCursor(position: SearchPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** `cursor` read back; anything that is not a cursor of these results is the field's error. */
export const searchCursorSchema = z
  .string()
  .min(1)
  .max(400)
  .transform((cursor, context): SearchPosition => {
    const parsed = z
      .array(z.union([z.number().finite(), z.string().max(200)]))
      .min(2)
      .max(3)
      .safeParse(parseJson(Buffer.from(cursor, 'base64url').toString()));
    if (!parsed.success) {
      context.addIssue({ code: 'custom', message: 'not a cursor of these results' });
      return z.NEVER;
    }
    return parsed.data;
  });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Clause = Record<string, unknown>;

const term = (field: string, value: unknown): Clause => ({ term: { [field]: value } });
const terms = (field: string, values: unknown[]): Clause => ({ terms: { [field]: values } });
const missing = (field: string): Clause => ({ bool: { must_not: { exists: { field } } } });
const noneOr = (field: string, value: string): Clause =>
  value === 'none' ? missing(field) : term(field, value);

/**
 * The conditions on a conversation's document that the history's filters and the agent's
 * audience make (the same rules as `historyMatch`): a supervisor sees every conversation;
 * others those of no team, of their teams, and those they hold or held.
 */
export function roomConditions(
  audience: SearchRequest['audience'],
  filter: RoomHistoryFilter,
): Clause[] {
  const conditions: Clause[] = [];
  if (!audience.supervisor) {
    conditions.push({
      bool: {
        should: [
          missing('teamId'),
          terms('teamId', audience.teamIds),
          term('agentId', audience.agentId),
          term('previousAgentId', audience.agentId),
        ],
        minimum_should_match: 1,
      },
    });
  }
  if (filter.status) conditions.push(terms('status', filter.status));
  if (filter.priority) conditions.push(terms('priority', filter.priority));
  if (filter.agentId !== undefined) conditions.push(term('agentId', filter.agentId));
  if (filter.chatbotId !== undefined) conditions.push(term('chatbotId', filter.chatbotId));
  if (filter.teamId !== undefined) conditions.push(noneOr('teamId', filter.teamId));
  if (filter.category !== undefined) conditions.push(noneOr('category', filter.category));
  if (filter.label !== undefined) conditions.push(term('labels', filter.label));
  if (filter.csat) conditions.push(csatCondition(filter.csat));
  if (filter.visitorEmail !== undefined)
    conditions.push(term('visitorEmail.exact', filter.visitorEmail));
  if (filter.from || filter.to) {
    conditions.push({
      range: {
        at: {
          ...(filter.from ? { gte: filter.from.toISOString() } : {}),
          ...(filter.to ? { lt: filter.to.toISOString() } : {}),
        },
      },
    });
  }
  return conditions;
}

/** As `historyMatch` reads `csat`: the latest rating among these, or (`none`) no rating. */
function csatCondition(csat: NonNullable<RoomHistoryFilter['csat']>): Clause {
  const rated = terms('csat', csat.filter((value) => value !== 'none').map(Number));
  if (!csat.includes('none')) return rated;
  return { bool: { should: [rated, missing('csat')], minimum_should_match: 1 } };
}

const SORTS: Record<SearchSort, Clause[]> = {
  relevance: [{ _score: 'desc' }, { at: 'desc' }, { docId: 'desc' }],
  date: [{ at: 'desc' }, { docId: 'desc' }],
};

/**
 * The OpenSearch request for one page of results. The text goes only into `match` queries,
 * which analyse it into words: quotes, `AND`, `*`, `field:value` and the like are searched as
 * text (or dropped as punctuation), never read as syntax.
 */
export function searchBody(request: SearchRequest): Clause {
  const onRoom = roomConditions(request.audience, request.filter);
  const visitorMatches: Clause = {
    bool: {
      filter: [term('kind', 'room'), ...onRoom],
      should: [
        {
          multi_match: {
            query: request.text,
            fields: ['visitorName', 'contactName', 'visitorEmail'],
            type: 'cross_fields',
            operator: 'and',
          },
        },
        { term: { 'visitorEmail.exact': { value: request.text.trim(), boost: 2 } } },
      ],
      minimum_should_match: 1,
    },
  };
  const textMatches: Clause = {
    bool: {
      filter: [
        terms('kind', ['message', 'note']),
        // Without conditions every conversation qualifies: no join to pay for.
        ...(onRoom.length
          ? [{ has_parent: { parent_type: 'room', query: { bool: { filter: onRoom } } } }]
          : []),
      ],
      must: { match: { body: { query: request.text, operator: 'and' } } },
    },
  };
  return {
    size: request.limit + 1,
    track_total_hits: false,
    query: { bool: { should: [visitorMatches, textMatches], minimum_should_match: 1 } },
    sort: SORTS[request.sort],
    ...(request.after ? { search_after: request.after } : {}),
    _source: ['kind', 'roomId', 'sourceId', 'at'],
    highlight: {
      // The text comes back escaped, with only the marks as markup.
      encoder: 'html',
      pre_tags: ['<mark>'],
      post_tags: ['</mark>'],
      fields: {
        body: { fragment_size: 160, number_of_fragments: 3, no_match_size: 160 },
        visitorName: { number_of_fragments: 0 },
        contactName: { number_of_fragments: 0 },
        visitorEmail: { number_of_fragments: 0 },
      },
    },
  };
}
