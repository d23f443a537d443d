import { Authenticated, RequirePermissions } from '@app/auth';
import { TenantContext } from '@app/tenancy';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  @Get()
  get(): Promise<TenantRecord> {
    return this.tenants.get(TenantContext.current());
  }

  @RequirePermissions('tenant:manage')
  @Patch()
  update(@Body() body: UpdateSettingsDto): Promise<TenantRecord> {
    return this.tenants.update(TenantContext.current(), body);
  }
}
