import {
  AllowVisitors,
  CurrentPrincipal,
  CurrentVisitor,
  type Principal,
  RequirePermissions,
  type VisitorPrincipal,
} from '@app/auth';
import { type ChatMessage, type RoomSummary } from '@app/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { chatErrors } from '../chat-errors';
import { MessagesService } from '../messages/messages.service';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';
import { historyAnswer, roomAnswer, roomListAnswer } from './dto/rooms.answers';

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

@ApiTags('rooms')
@ApiBearerAuth()
@Controller('rooms')
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly repository: RoomsRepository,
    private readonly messages: MessagesService,
  ) {}

  /** Rooms waiting for an agent, oldest first (the same list `queue:updated` pushes). */
  @RequirePermissions('chats:join')
  @ApiAnswer(200, roomListAnswer)
  @Get('queue')
  async queue(): Promise<{ rooms: RoomSummary[] }> {
    return { rooms: await this.rooms.queue() };
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
      visitor: room.visitor,
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
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    if (visitor && visitor.roomId !== id) throw chatErrors.roomNotFound();
    await this.rooms.get(id);
    const { messages, hasMore } = await this.messages.history(id, query);
    return { messages, hasMore };
  }
}
