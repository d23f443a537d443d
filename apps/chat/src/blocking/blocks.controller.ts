import { RequirePermissions } from '@app/auth';
import { ApiAnswer } from '@app/platform';
import { type VisitorBlockView } from '@app/contracts';
import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { chatErrors } from '../chat-errors';
import { BlockedVisitorsRepository } from './blocked-visitors.repository';
import { blocksAnswer } from './blocks.answers';

/** The tenant's blocklist: who is blocked, by whom, until when; and lifting a block. */
@ApiTags('blocks')
@ApiBearerAuth()
@Controller('blocks')
export class BlocksController {
  constructor(private readonly blocked: BlockedVisitorsRepository) {}

  @RequirePermissions('chats:block')
  @ApiAnswer(200, blocksAnswer)
  @Get()
  async list(): Promise<{ blocks: VisitorBlockView[] }> {
    return { blocks: await this.blocked.list() };
  }

  @RequirePermissions('chats:block')
  @Delete(':id')
  @HttpCode(204)
  async lift(@Param('id') id: string): Promise<void> {
    if (!(await this.blocked.lift(id))) throw chatErrors.blockNotFound();
  }
}
