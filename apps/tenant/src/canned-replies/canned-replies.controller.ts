import { CurrentPrincipal, NotForApiTokens, type Principal, RequirePermissions } from '@app/auth';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CannedReplyRecord } from './canned-replies.repository';
import { CannedRepliesService } from './canned-replies.service';
import { cannedRepliesAnswer, cannedReplyAnswer } from './dto/canned-replies.answers';
import {
  CreateCannedReplyDto,
  ListCannedRepliesQuery,
  UpdateCannedReplyDto,
} from './dto/canned-replies.dto';

const SHARED_NEEDS_PERMISSION =
  '`canned_manage_required`: a shared reply is changed only with `canned:manage`.';

/**
 * Saved replies for the composer: any agent reads the shared ones and keeps personal ones;
 * `canned:manage` changes the shared ones.
 */
@ApiTags('canned replies')
@ApiBearerAuth()
@RequirePermissions('chats:join')
// Personal replies belong to a person; an API token is none.
@NotForApiTokens()
@Controller('canned-replies')
export class CannedRepliesController {
  constructor(private readonly replies: CannedRepliesService) {}

  /** Every shared reply and the caller's personal ones, by shortcut. */
  @ApiAnswer(200, cannedRepliesAnswer)
  @Get()
  async list(
    @Query() query: ListCannedRepliesQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<{ cannedReplies: CannedReplyRecord[] }> {
    return { cannedReplies: await this.replies.list(caller, query.q) };
  }

  @ApiErrors({
    403: SHARED_NEEDS_PERMISSION,
    409: '`shortcut_taken`: another reply of the same scope (shared, or your personal ones) has this shortcut; `canned_reply_limit_reached`: 500 shared, or 100 personal, already.',
  })
  @ApiAnswer(201, cannedReplyAnswer)
  @Post()
  create(
    @Body() body: CreateCannedReplyDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CannedReplyRecord> {
    return this.replies.create(body, caller);
  }

  @ApiErrors({ 403: SHARED_NEEDS_PERMISSION, 409: '`shortcut_taken`' })
  @ApiAnswer(200, cannedReplyAnswer)
  @Patch(':id')
  update(
    @Param('id') id: string,
    @Body() body: UpdateCannedReplyDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CannedReplyRecord> {
    return this.replies.update(id, body, caller);
  }

  @ApiErrors({ 403: SHARED_NEEDS_PERMISSION })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<void> {
    await this.replies.delete(id, caller);
  }
}
