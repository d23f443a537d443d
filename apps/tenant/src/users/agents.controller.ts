import { CurrentPrincipal, type Principal, RequirePermissions } from '@app/auth';
import { type AgentView } from '@app/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgentsService } from './agents.service';
import { InviteAgentDto, ListAgentsQuery, UpdateAgentDto } from './dto/agents.dto';

@ApiTags('agents')
@ApiBearerAuth()
@RequirePermissions('agents:manage')
@Controller('agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  /** Creates the agent as `invited` and emails a link to set a password (or use Google). */
  @Post('invitations')
  invite(@Body() body: InviteAgentDto, @CurrentPrincipal() inviter: Principal): Promise<AgentView> {
    return this.agents.invite(body, inviter);
  }

  @Get()
  async list(@Query() query: ListAgentsQuery): Promise<{ agents: AgentView[] }> {
    return { agents: await this.agents.list(query) };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<AgentView> {
    return this.agents.get(id);
  }

  @Patch(':id')
  update(
    @Param('id') id: string,
    @Body() body: UpdateAgentDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AgentView> {
    return this.agents.update(id, body, caller);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<void> {
    await this.agents.delete(id, caller);
  }
}
