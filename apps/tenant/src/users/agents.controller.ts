import { CurrentPrincipal, type Principal, RequirePermissions } from '@app/auth';
import { type AgentView } from '@app/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { agentAnswer, agentsAnswer } from './dto/agents.answers';
import { GRANT_ERRORS } from '../roles/grant-rules';
import { AgentsService } from './agents.service';
import { InviteAgentDto, ListAgentsQuery, UpdateAgentDto } from './dto/agents.dto';

@ApiTags('agents')
@ApiBearerAuth()
@RequirePermissions('agents:manage')
@Controller('agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  /** Creates the agent as `invited` and emails a link to set a password (or use Google). */
  @ApiErrors({
    409: "`email_taken`: the email is one of this workspace's people already.",
    ...GRANT_ERRORS,
  })
  @ApiAnswer(201, agentAnswer)
  @Post('invitations')
  invite(@Body() body: InviteAgentDto, @CurrentPrincipal() inviter: Principal): Promise<AgentView> {
    return this.agents.invite(body, inviter);
  }

  @ApiAnswer(200, agentsAnswer)
  @Get()
  async list(@Query() query: ListAgentsQuery): Promise<{ agents: AgentView[] }> {
    return { agents: await this.agents.list(query) };
  }

  @ApiAnswer(200, agentAnswer)
  @Get(':id')
  get(@Param('id') id: string): Promise<AgentView> {
    return this.agents.get(id);
  }

  @ApiErrors({
    409: '`invitation_pending` (only accepting activates), or `last_admin` (the last admin stays).',
    ...GRANT_ERRORS,
  })
  @ApiAnswer(200, agentAnswer)
  @Patch(':id')
  update(
    @Param('id') id: string,
    @Body() body: UpdateAgentDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AgentView> {
    return this.agents.update(id, body, caller);
  }

  @ApiErrors({ 409: '`last_admin`: the last admin cannot be deleted.', ...GRANT_ERRORS })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<void> {
    await this.agents.delete(id, caller);
  }
}
