import { RequirePermissions } from '@app/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '@app/platform';
import { statusAnswer } from './status.answers';
import { DirectoryRepository } from '../directory/directory.repository';
import { ActivityRepository } from '../rollups/activity.repository';
import { InfraStatusService } from './infra-status.service';

/** The status page: the platform's health, and the tenant's chatbots and agents right now. */
@ApiTags('status')
@ApiBearerAuth()
@RequirePermissions('analytics:view')
@Controller('status')
export class StatusController {
  constructor(
    private readonly infra: InfraStatusService,
    private readonly directory: DirectoryRepository,
    private readonly activity: ActivityRepository,
  ) {}

  @ApiAnswer(200, statusAnswer)
  @Get()
  async status() {
    const [infra, chatbots, sessions, online] = await Promise.all([
      this.infra.current(),
      this.directory.chatbotsOfTenant(),
      this.activity.lastSessions(),
      this.activity.onlineAgents(),
    ]);
    return {
      checkedAt: new Date().toISOString(),
      services: infra.services,
      kafka: { groups: infra.kafka },
      agentsOnline: online.length,
      chatbots: chatbots.map((chatbot) => ({
        chatbotId: chatbot._id,
        name: chatbot.name,
        lastSessionAt: sessions.get(chatbot._id)?.toISOString() ?? null,
      })),
    };
  }
}
