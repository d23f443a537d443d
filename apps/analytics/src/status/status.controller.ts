import { RequirePermissions } from '@app/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '@app/platform';
import { statusAnswer } from './status.answers';
import { InfraStatusService } from './infra-status.service';

/**
 * The platform's status: every service's health and every consumer group's lag. It tells of all
 * tenants at once, so it is the operators' alone (`platform:operate`, which no tenant role holds).
 */
@ApiTags('status')
@ApiBearerAuth()
@RequirePermissions('platform:operate')
@Controller('status')
export class StatusController {
  constructor(private readonly infra: InfraStatusService) {}

  @ApiAnswer(200, statusAnswer)
  @Get()
  async status() {
    const infra = await this.infra.current();
    return {
      checkedAt: new Date().toISOString(),
      services: infra.services,
      kafka: { groups: infra.kafka },
    };
  }
}
