import {
  AllowVisitors,
  CurrentPrincipal,
  CurrentVisitor,
  NotForApiTokens,
  type Principal,
  RequirePermissions,
  type VisitorPrincipal,
} from '@app/auth';
import {
  type ChatMessage,
  type QueuePage,
  type RoomHistoryPage,
  roomPrioritySchema,
  type RoomSummary,
} from '@app/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors, someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AttachmentsService } from '../attachments/attachments.service';
import { chatErrors } from '../chat-errors';
import { MessagesService } from '../messages/messages.service';
import { agentSender, visitorSender } from '../realtime/rate-sender';
import { SenderLimits } from '../realtime/sender-limits.service';
import { RoomMoves } from './room-moves.service';
import { RoomDeletionService } from './room-deletion.service';
import { RoomHistoryQuery } from './dto/room-history.query';
import { historyCursor } from './room-history';
import { RoomsRepository } from './rooms.repository';
import { QUEUE_PAGE_SIZE, RoomsService } from './rooms.service';
import {
  historyAnswer,
  queuePageAnswer,
  roomAnswer,
  roomHistoryAnswer,
  roomListAnswer,
  roomSummaryAnswer,
} from './dto/rooms.answers';

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

const idParam = z.string().min(1).max(64);

/** The queue's filters, in `GET /rooms/queue` and `GET /rooms/open`. */
const queueFilters = {
  category: idParam.optional().describe('Rooms of this category id only (`none`: without one).'),
  teamId: idParam
    .optional()
    .describe('Rooms routed to this team only (`none`: the tenant’s queue, no team).'),
  chatbotId: idParam.optional().describe('Rooms of this chatbot only.'),
};

class OpenRoomsQuery extends createZodDto(
  z.strictObject({
    ...queueFilters,
    limit: z.coerce.number().int().min(1).max(500).default(200),
  }),
) {}

class UpdateRoomDto extends createZodDto(
  someChange(
    z.strictObject({
      category: idParam.nullable().optional().describe('A category id, or null for none.'),
      priority: roomPrioritySchema.optional(),
    }),
  ),
) {}

class TransferDto extends createZodDto(
  z
    .strictObject({
      agentId: idParam.optional().describe('The agent to hand the room to; or `teamId`.'),
      teamId: idParam.optional().describe('The team whose queue the room goes back to.'),
    })
    .refine((body) => (body.agentId === undefined) !== (body.teamId === undefined), {
      message: 'agentId or teamId, one of them',
      path: ['agentId'],
    }),
) {}

class ReassignDto extends createZodDto(
  z
    .strictObject({
      agentId: idParam.optional().describe('The agent to give the room to.'),
      teamId: idParam.optional().describe("Back to this team's queue."),
      toQueue: z.literal(true).optional().describe('Back to the tenant’s queue (no team).'),
    })
    .refine(
      (body) =>
        [body.agentId, body.teamId, body.toQueue].filter((value) => value !== undefined).length ===
        1,
      { message: 'one of agentId, teamId or toQueue', path: ['agentId'] },
    ),
) {}

class QueueQuery extends createZodDto(
  z.strictObject({
    ...queueFilters,
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
    private readonly moves: RoomMoves,
    private readonly repository: RoomsRepository,
    private readonly messages: MessagesService,
    private readonly limits: SenderLimits,
    private readonly deletion: RoomDeletionService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * Every conversation the agent may see (a supervisor: all of the tenant's; others: those of no
   * team, of their teams, and those they held), open, offline and closed, newest first, narrowed
   * by the filters, a page at a time.
   */
  @RequirePermissions('chats:join')
  @ApiAnswer(200, roomHistoryAnswer)
  @Get()
  async list(
    @Query() query: RoomHistoryQuery,
    @CurrentPrincipal() agent: Principal,
  ): Promise<RoomHistoryPage> {
    const { cursor, limit, ...filter } = query;
    const audience = { ...(await this.rooms.audienceOf(agent)), agentId: agent.userId };
    const page = await this.repository.historyPage(audience, filter, cursor ?? null, limit);
    const last = page.rooms.at(-1);
    return {
      rooms: await this.rooms.summaries(page.rooms),
      nextCursor:
        page.hasMore && last ? historyCursor({ createdAt: last.createdAt, roomId: last.id }) : null,
    };
  }

  /**
   * Rooms waiting for an agent that the agent may see (no team, or one of theirs; a supervisor
   * sees all), most urgent first then oldest first, a page at a time (the first unfiltered page
   * is what `queue:updated` pushes), with how many wait in all and per chatbot, category, team
   * and priority, narrowed by the filters.
   */
  @RequirePermissions('chats:join')
  @ApiAnswer(200, queuePageAnswer)
  @Get('queue')
  async queue(
    @Query() query: QueueQuery,
    @CurrentPrincipal() agent: Principal,
  ): Promise<QueuePage> {
    const { cursor, limit, ...filter } = query;
    return this.rooms.queue(await this.rooms.audienceOf(agent), filter, cursor, limit);
  }

  /** Every open conversation, waiting or taken, in every queue: for supervisors. */
  @RequirePermissions('chats:join', 'chats:supervise')
  @ApiAnswer(200, roomListAnswer)
  @Get('open')
  async open(@Query() query: OpenRoomsQuery): Promise<{ rooms: RoomSummary[] }> {
    const { limit, ...filter } = query;
    const rooms = await this.repository.openRooms({ supervisor: true }, filter, limit);
    return { rooms: await this.rooms.summaries(rooms) };
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
  @NotForApiTokens()
  @ApiAnswer(200, roomListAnswer)
  @Get('mine')
  async mine(@CurrentPrincipal() agent: Principal): Promise<{ rooms: RoomSummary[] }> {
    return { rooms: await this.rooms.summaries(await this.repository.openRoomsOf(agent.userId)) };
  }

  /** The room with its visitor's details (browser, address, pre-chat answers and their files). */
  @RequirePermissions('chats:join')
  @ApiAnswer(200, roomAnswer)
  @Get(':id')
  async get(@Param('id') id: string) {
    const room = await this.rooms.get(id);
    // Stored without answers, a room has no `answers` key (mongoose drops empty objects).
    const answers = room.answers ?? {};
    return {
      ...(await this.rooms.summary(room)),
      // Rooms from before identity verification have no `verified`: they were not verified.
      visitor: { ...room.visitor, verified: room.visitor.verified === true },
      answers,
      answerFiles: await this.attachments.answerFiles(room.id, answers),
      // Rooms from before journeys walked none.
      journey: room.journey ?? null,
      closeReason: room.closeReason,
    };
  }

  /** The room's agent, or a supervisor, sets its category and/or priority (`room:update`). */
  @RequirePermissions('chats:join')
  @ApiErrors({
    403: '`not_your_room`: neither the room’s agent nor a supervisor.',
    404: '`room_not_found`',
    409: '`room_closed`',
  })
  @ApiAnswer(200, roomSummaryAnswer)
  @Patch(':id')
  update(
    @Param('id') id: string,
    @Body() body: UpdateRoomDto,
    @CurrentPrincipal() agent: Principal,
  ): Promise<RoomSummary> {
    return this.moves.update(id, agent, body);
  }

  /** The room's agent hands it to another agent, or to a team's queue (`room:transfer`). */
  @RequirePermissions('chats:join', 'chats:transfer')
  @ApiErrors({
    403: '`not_your_room`',
    404: '`room_not_found`, `agent_not_found`, `team_not_found`',
    409: '`room_closed`, `at_capacity` (the target agent), `room_moved`',
  })
  @ApiAnswer(200, roomSummaryAnswer)
  @Post(':id/transfer')
  @HttpCode(200)
  transfer(
    @Param('id') id: string,
    @Body() body: TransferDto,
    @CurrentPrincipal() agent: Principal,
  ): Promise<RoomSummary> {
    return body.teamId !== undefined
      ? this.moves.transferToTeam(id, agent, body.teamId)
      : this.rooms.transfer(id, agent, body.agentId!);
  }

  /**
   * A supervisor gives any open room to an agent, or returns it to a team's queue or the
   * tenant's (`room:reassign`). Decided on the room as it was read: a move that came first wins.
   */
  @RequirePermissions('chats:join', 'chats:supervise')
  @ApiErrors({
    404: '`room_not_found`, `agent_not_found`, `team_not_found`',
    409: '`room_closed`, `at_capacity`, `room_moved` (someone moved the room first)',
  })
  @ApiAnswer(200, roomSummaryAnswer)
  @Post(':id/reassign')
  @HttpCode(200)
  reassign(
    @Param('id') id: string,
    @Body() body: ReassignDto,
    @CurrentPrincipal() agent: Principal,
  ): Promise<RoomSummary> {
    const target =
      body.agentId !== undefined
        ? { agentId: body.agentId }
        : body.teamId !== undefined
          ? { teamId: body.teamId }
          : { toQueue: true as const };
    return this.moves.reassign(id, agent, target);
  }

  /**
   * Deletes a closed conversation for good: its messages, its files (from the object store) and
   * the room. Admins, or a role with `chats:delete`.
   */
  @RequirePermissions('chats:delete')
  @ApiErrors({
    409: '`room_open`: the conversation is not closed; close it first.',
    503: '`storage_unavailable`: the object store does not answer; nothing was deleted.',
  })
  @ApiAnswer(204)
  @HttpCode(204)
  @Delete(':id')
  async delete(@Param('id') id: string, @CurrentPrincipal() user: Principal): Promise<void> {
    await this.deletion.delete(id, user.userId);
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
