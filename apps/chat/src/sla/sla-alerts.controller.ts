import { CurrentPrincipal, NotForApiTokens, type Principal, RequirePermissions } from '@app/auth';
import { type SlaAlertPreference } from '@app/contracts';
import { ApiAnswer } from '@app/platform';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SlaAlertPreferenceDto, slaAlertPreferenceSchema } from './dto/sla-alert-preference.dto';
import { SlaBreachesRepository } from './sla-breaches.repository';

/** A supervisor's choice to be emailed about SLA breaches too (the live alert always comes). */
@ApiTags('sla')
@ApiBearerAuth()
@RequirePermissions('chats:supervise')
@NotForApiTokens()
@Controller('sla/alert-preference')
export class SlaAlertsController {
  constructor(private readonly breaches: SlaBreachesRepository) {}

  @ApiAnswer(200, slaAlertPreferenceSchema)
  @Get()
  async get(@CurrentPrincipal() caller: Principal): Promise<SlaAlertPreference> {
    return { email: await this.breaches.emailChosen(caller.userId) };
  }

  @ApiAnswer(200, slaAlertPreferenceSchema)
  @Put()
  async put(
    @Body() body: SlaAlertPreferenceDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<SlaAlertPreference> {
    await this.breaches.chooseEmail(caller.userId, body.email);
    return { email: body.email };
  }
}
