import { RequirePermissions } from '@app/auth';
import { ApiAnswer } from '@app/platform';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryRepository } from '../directory/directory.repository';
import { ActivityRepository } from '../rollups/activity.repository';
import { activityAnswer } from './status.answers';

/** The tenant's own activity right now: its agents online and each chatbot's last session. */
@ApiTags('status')
@ApiBearerAuth()
@RequirePermissions('analytics:view')
@Controller('activity')
export class ActivityController {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly activity: ActivityRepository,
  ) {}

  @ApiAnswer(200, activityAnswer)
  @Get()
  async activityNow() {
    const [chatbots, sessions, online] = await Promise.all([
      this.directory.chatbotsOfTenant(),
      this.activity.lastSessions(),
      this.activity.onlineAgents(),
    ]);
    return {
      checkedAt: new Date().toISOString(),
      agentsOnline: online.length,
      chatbots: chatbots.map((chatbot) => ({
        chatbotId: chatbot._id,
        name: chatbot.name,
        lastSessionAt: sessions.get(chatbot._id)?.toISOString() ?? null,
      })),
    };
  }
}
