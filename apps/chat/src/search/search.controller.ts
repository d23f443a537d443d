import { CurrentPrincipal, type Principal, RequirePermissions } from '@app/auth';
import { type Jsonified, type SearchPage } from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { z } from 'zod';
import { roomSummaryAnswer } from '../rooms/dto/rooms.answers';
import { RoomsService } from '../rooms/rooms.service';
import { SearchQuery } from './dto/search.query';
import { type SearchTimings, SearchService } from './search.service';

const searchPageAnswer = z.object({
  results: z.array(
    z.object({
      kind: z.enum(['message', 'note', 'visitor']),
      id: z.string().nullable().describe('The message’s or note’s id; null for a visitor match.'),
      at: z.iso.datetime(),
      highlights: z
        .array(z.string())
        .describe('HTML-escaped text, each match between `<mark>` and `</mark>`.'),
      room: roomSummaryAnswer,
    }),
  ),
  nextCursor: z.string().nullable().describe('The `cursor` of the next page; null on the last.'),
}) satisfies z.ZodType<Jsonified<SearchPage>>;

/** Full-text search over the conversations an agent may see. */
@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly rooms: RoomsService,
  ) {}

  /**
   * Messages, private notes and visitors (name, email) matching all the words, in the
   * conversations the agent may see (as `GET /rooms`), narrowed by the history's filters.
   * What was written a moment ago is found within about two seconds.
   */
  @RequirePermissions('chats:join')
  @ApiErrors({ 503: '`search_unavailable`: the search engine is down; chat is not affected.' })
  @ApiAnswer(200, searchPageAnswer)
  @Get()
  async find(
    @Query() query: SearchQuery,
    @CurrentPrincipal() agent: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SearchPage> {
    const { q, sort, cursor, limit, ...filter } = query;
    const started = performance.now();
    const audience = { ...(await this.rooms.audienceOf(agent)), agentId: agent.userId };
    const audienceMs = performance.now() - started;
    const { page, timings } = await this.search.search({
      text: q,
      sort,
      filter,
      audience,
      after: cursor ?? null,
      limit,
    });
    res.setHeader('Server-Timing', serverTiming({ audience: audienceMs, ...timings }));
    return page;
  }
}

/**
 * Where a search's time went (the agent's teams, the engine, the join to the conversations), as
 * browsers' developer tools and the search benchmark read it.
 */
function serverTiming(timings: SearchTimings & { audience: number }): string {
  return Object.entries(timings)
    .map(([step, ms]) => `${step};dur=${ms.toFixed(1)}`)
    .join(', ');
}
