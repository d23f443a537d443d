import { RequirePermissions } from '@app/auth';
import { TenantContext } from '@app/tenancy';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '@app/platform';
import { agentsOnlineAnswer } from './agents.answers';
import { AgentPresence, type AgentOnline } from './agent-presence.service';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('agents')
export class AgentsController {
  constructor(private readonly presence: AgentPresence) {}

  /** The tenant's agents who are connected now: `available` (taking chats), `busy` or `away`. */
  @RequirePermissions('chats:join')
  @ApiAnswer(200, agentsOnlineAnswer)
  @Get('online')
  async online(): Promise<{ agents: AgentOnline[] }> {
    return { agents: await this.presence.online(TenantContext.current()) };
  }
}
