import { CurrentPrincipal, type Principal, RequirePermissions } from '@app/auth';
import { type SlaAlertPreference } from '@app/contracts';
import { ApiAnswer } from '@app/platform';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { SlaBreachesRepository } from './sla-breaches.repository';

const preference = z.strictObject({ email: z.boolean() });

class SlaAlertPreferenceDto extends createZodDto(preference) {}

/** A supervisor's choice to be emailed about SLA breaches too (the live alert always comes). */
@ApiTags('sla')
@ApiBearerAuth()
@RequirePermissions('chats:supervise')
@Controller('sla/alert-preference')
export class SlaAlertsController {
  constructor(private readonly breaches: SlaBreachesRepository) {}

  @ApiAnswer(200, preference)
  @Get()
  async get(@CurrentPrincipal() caller: Principal): Promise<SlaAlertPreference> {
    return { email: await this.breaches.emailChosen(caller.userId) };
  }

  @ApiAnswer(200, preference)
  @Put()
  async put(
    @Body() body: SlaAlertPreferenceDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<SlaAlertPreference> {
    await this.breaches.chooseEmail(caller.userId, body.email);
    return { email: body.email };
  }
}
