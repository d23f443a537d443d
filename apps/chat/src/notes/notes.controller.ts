import { CurrentPrincipal, type Principal, RequirePermissions } from '@app/auth';
import { noteAddSchema, type RoomNote } from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { agentSender } from '../realtime/rate-sender';
import { SenderLimits } from '../realtime/sender-limits.service';
import { NotesService } from './notes.service';

class AddNoteDto extends createZodDto(noteAddSchema.omit({ roomId: true })) {}

export const roomNoteAnswer = z.object({
  id: z.string(),
  roomId: z.string(),
  body: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  afterSeq: z.int().min(0).describe('The last message of the room when the note was written.'),
  createdAt: z.iso.datetime(),
}) satisfies z.ZodType<RoomNote>;

/** Private notes in a conversation: agents only; a visitor's token is refused. */
@ApiTags('notes')
@ApiBearerAuth()
@Controller('rooms/:id/notes')
export class NotesController {
  constructor(
    private readonly notes: NotesService,
    private readonly limits: SenderLimits,
  ) {}

  /** The conversation's notes, oldest first. */
  @RequirePermissions('chats:join')
  @ApiErrors({ 404: '`room_not_found`: no such room, or one of a team the agent is not in.' })
  @ApiAnswer(200, z.object({ notes: z.array(roomNoteAnswer) }))
  @Get()
  async list(
    @Param('id') roomId: string,
    @CurrentPrincipal() agent: Principal,
  ): Promise<{ notes: RoomNote[] }> {
    return { notes: await this.notes.list(agent, roomId) };
  }

  /** A note, open conversation or closed; the room's agents get `note:new`. Same as `note:add`. */
  @RequirePermissions('chats:join')
  @ApiErrors({ 404: '`room_not_found`' })
  @ApiAnswer(201, roomNoteAnswer)
  @Post()
  async add(
    @Param('id') roomId: string,
    @Body() body: AddNoteDto,
    @CurrentPrincipal() agent: Principal,
  ): Promise<RoomNote> {
    await this.limits.consume('note', agentSender(agent));
    return this.notes.add(agent, { ...body, roomId });
  }
}
