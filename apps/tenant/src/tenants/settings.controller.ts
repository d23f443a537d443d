import { Authenticated, RequirePermissions } from '@app/auth';
import { TenantContext } from '@app/tenancy';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '@app/platform';
import { settingsAnswer } from './dto/settings.answers';
import { UpdateSettingsDto } from './dto/settings.dto';
import { type TenantRecord } from './tenants.repository';
import { TenantsService } from './tenants.service';

/** The signed-in user's workspace: its name, brand colour and how chats are assigned. */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(private readonly tenants: TenantsService) {}

  @Authenticated()
  @ApiAnswer(200, settingsAnswer)
  @Get()
  get(): Promise<TenantRecord> {
    return this.tenants.get(TenantContext.current());
  }

  @RequirePermissions('tenant:manage')
  @ApiAnswer(200, settingsAnswer)
  @Patch()
  update(@Body() body: UpdateSettingsDto): Promise<TenantRecord> {
    return this.tenants.update(TenantContext.current(), body);
  }
}
