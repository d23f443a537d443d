import { type RoomSummary, type SearchPage, type SearchResult } from '@app/contracts';
import { AppHttpError } from '@app/platform';
import { TenantContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { SearchIndex } from './search-index';
import { type SearchPosition, searchBody, searchCursor, type SearchRequest } from './search-query';

interface HitSource {
  kind: 'room' | 'message' | 'note';
  roomId: string;
  sourceId?: string;
  at: string;
}

interface Hit {
  _source: HitSource;
  sort: SearchPosition;
  highlight?: Record<string, string[]>;
}

/** How long each step of a search took, for the `Server-Timing` header (ms). */
export interface SearchTimings {
  engine: number;
  rooms: number;
}

/**
 * Conversation search for agents: the tenant's alias of the search index, queried with the
 * agent's audience and filters, each hit joined to its conversation as the database has it now.
 */
@Injectable()
export class SearchService {
  private readonly logger = new Logger(SearchService.name);

  constructor(
    private readonly index: SearchIndex,
    private readonly repository: RoomsRepository,
    private readonly rooms: RoomsService,
  ) {}

  async search(request: SearchRequest): Promise<{ page: SearchPage; timings: SearchTimings }> {
    const started = performance.now();
    const hits = await this.query(request);
    const queried = performance.now();
    const shown = hits.slice(0, request.limit);
    const summaries = await this.currentRooms(shown.map((hit) => hit._source.roomId));
    const timings = { engine: queried - started, rooms: performance.now() - queried };
    const results = shown.flatMap((hit): SearchResult[] => {
      const room = summaries.get(hit._source.roomId);
      // Deleted since it was indexed: its removal from the index is on its way.
      return room ? [toResult(hit, room)] : [];
    });
    const last = shown.at(-1);
    const nextCursor = hits.length > request.limit && last ? searchCursor(last.sort) : null;
    return { page: { results, nextCursor }, timings };
  }

  private async query(request: SearchRequest): Promise<Hit[]> {
    try {
      const { body } = await this.index.client.search(
        { index: this.index.tenantAlias(TenantContext.current()), body: searchBody(request) },
        // No alias yet: nothing of the tenant was ever indexed.
        { ignore: [404] },
      );
      return ((body as { hits?: { hits: Hit[] } }).hits?.hits ?? []) as Hit[];
    } catch (error) {
      this.logger.warn(`search failed: ${(error as Error).message}`);
      throw new AppHttpError(
        503,
        'search_unavailable',
        'search is unavailable right now; conversations and chat are not affected',
      );
    }
  }

  private async currentRooms(roomIds: string[]): Promise<Map<string, RoomSummary>> {
    const records = await this.repository.findByIds([...new Set(roomIds)]);
    const summaries = await this.rooms.summaries(records);
    return new Map(summaries.map((summary) => [summary.roomId, summary]));
  }
}

function toResult(hit: Hit, room: RoomSummary): SearchResult {
  const { kind, sourceId, at } = hit._source;
  const marks = hit.highlight ?? {};
  if (kind === 'room') {
    return {
      kind: 'visitor',
      id: null,
      at,
      highlights: [
        marks.contactName?.[0] ?? marks.visitorName?.[0] ?? escapeHtml(room.visitor.name),
        marks.visitorEmail?.[0] ?? escapeHtml(room.visitor.email),
      ],
      room,
    };
  }
  return { kind, id: sourceId ?? null, at, highlights: marks.body ?? [], room };
}

/** As the engine's `html` encoder escapes the text it highlights. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'/]/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '/': '&#x2F;' })[
        char
      ]!,
  );
}
