import {
  AllowVisitors,
  CurrentPrincipal,
  CurrentVisitor,
  type Principal,
  RequirePermissions,
  type VisitorPrincipal,
} from '@app/auth';
import { type ChatMessage, type QueuePage, type RoomSummary } from '@app/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { chatErrors } from '../chat-errors';
import { MessagesService } from '../messages/messages.service';
import { agentSender, visitorSender } from '../realtime/rate-sender';
import { SenderLimits } from '../realtime/sender-limits.service';
import { RoomsRepository } from './rooms.repository';
import { QUEUE_PAGE_SIZE, RoomsService } from './rooms.service';
import { historyAnswer, queuePageAnswer, roomAnswer, roomListAnswer } from './dto/rooms.answers';

class HistoryQuery extends createZodDto(
  z
    .strictObject({
      after: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .describe('Messages after this seq; not with `before`.'),
      before: z.coerce
        .number()
        .int()
        .min(1)
        .optional()
        .describe('Messages before this seq; not with `after`.'),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    })
    .refine(
      (query) => query.after === undefined || query.before === undefined,
      'after or before, not both',
    ),
) {}

class QueueQuery extends createZodDto(
  z.strictObject({
    cursor: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('`nextCursor` of the page before; without it, the first page.'),
    limit: z.coerce.number().int().min(1).max(QUEUE_PAGE_SIZE).default(QUEUE_PAGE_SIZE),
  }),
) {}

@ApiTags('rooms')
@ApiBearerAuth()
@Controller('rooms')
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly repository: RoomsRepository,
    private readonly messages: MessagesService,
    private readonly limits: SenderLimits,
  ) {}

  /**
   * Rooms waiting for an agent, oldest first, a page at a time (the first page is what
   * `queue:updated` pushes), with how many wait in all and per chatbot.
   */
  @RequirePermissions('chats:join')
  @ApiAnswer(200, queuePageAnswer)
  @Get('queue')
  queue(@Query() query: QueueQuery): Promise<QueuePage> {
    return this.rooms.queue(query.cursor, query.limit);
  }

  /**
   * Offline messages no agent has taken yet, oldest first (at most 200): an agent joins one to
   * answer, and the reply is mailed to the visitor.
   */
  @RequirePermissions('chats:join')
  @ApiAnswer(200, roomListAnswer)
  @Get('offline')
  async offline(): Promise<{ rooms: RoomSummary[] }> {
    return { rooms: await this.rooms.summaries(await this.repository.offline(QUEUE_PAGE_SIZE)) };
  }

  @RequirePermissions('chats:join')
  @ApiAnswer(200, roomListAnswer)
  @Get('mine')
  async mine(@CurrentPrincipal() agent: Principal): Promise<{ rooms: RoomSummary[] }> {
    return { rooms: await this.rooms.summaries(await this.repository.openRoomsOf(agent.userId)) };
  }

  /** The room with its visitor's details (browser, address, pre-chat answers). */
  @RequirePermissions('chats:join')
  @ApiAnswer(200, roomAnswer)
  @Get(':id')
  async get(@Param('id') id: string) {
    const room = await this.rooms.get(id);
    return {
      ...(await this.rooms.summary(room)),
      // Rooms from before identity verification have no `verified`: they were not verified.
      visitor: { ...room.visitor, verified: room.visitor.verified === true },
      // Stored without answers, a room has no `answers` key (mongoose drops empty objects).
      answers: room.answers ?? {},
      closeReason: room.closeReason,
    };
  }

  /**
   * History in `seq` order: `after` pages forward (a reconnecting client), `before` pages back.
   * Agents of the tenant, or the room's own visitor (with the visitor token).
   */
  @RequirePermissions('chats:join')
  @AllowVisitors()
  @ApiAnswer(200, historyAnswer)
  @Get(':id/messages')
  async history(
    @Param('id') id: string,
    @Query() query: HistoryQuery,
    @CurrentVisitor() visitor: VisitorPrincipal | undefined,
    @CurrentPrincipal() agent: Principal,
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    if (visitor && visitor.roomId !== id) throw chatErrors.roomNotFound();
    // Counted per visitor room, or per agent (the guard lets in one or the other).
    await this.limits.consume('history', visitor ? visitorSender(visitor) : agentSender(agent));
    await this.rooms.get(id);
    const { messages, hasMore } = await this.messages.history(id, query);
    return { messages, hasMore };
  }
}
