import {
  Authenticated,
  CurrentPrincipal,
  PERMISSIONS,
  type Principal,
  RequirePermissions,
} from '@app/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AppHttpError } from '@app/platform';
import { CreateRoleDto, permissionField, UpdateRoleDto } from './dto/roles.dto';
import { type RoleRecord } from './roles.repository';
import { RolesService } from './roles.service';

@ApiTags('roles')
@ApiBearerAuth()
@Controller()
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Authenticated()
  @Get('permissions')
  permissions(): { permissions: readonly string[] } {
    return { permissions: PERMISSIONS };
  }

  @RequirePermissions('roles:manage')
  @Get('roles')
  async list(): Promise<{ roles: RoleRecord[] }> {
    return { roles: await this.roles.list() };
  }

  @RequirePermissions('roles:manage')
  @Post('roles')
  create(@Body() body: CreateRoleDto, @CurrentPrincipal() caller: Principal): Promise<RoleRecord> {
    return this.roles.create(body, caller);
  }

  @RequirePermissions('roles:manage')
  @Get('roles/:id')
  get(@Param('id') id: string): Promise<RoleRecord> {
    return this.roles.get(id);
  }

  @RequirePermissions('roles:manage')
  @Patch('roles/:id')
  update(
    @Param('id') id: string,
    @Body() body: UpdateRoleDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<RoleRecord> {
    return this.roles.update(id, body, caller);
  }

  /** Grants one permission. */
  @RequirePermissions('roles:manage')
  @Put('roles/:id/permissions/:permission')
  grant(
    @Param('id') id: string,
    @Param('permission') permission: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<RoleRecord> {
    return this.roles.grant(id, parsePermission(permission), caller);
  }

  /** Denies (withdraws) one permission. */
  @RequirePermissions('roles:manage')
  @Delete('roles/:id/permissions/:permission')
  deny(
    @Param('id') id: string,
    @Param('permission') permission: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<RoleRecord> {
    return this.roles.deny(id, parsePermission(permission), caller);
  }

  @RequirePermissions('roles:manage')
  @Delete('roles/:id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.roles.delete(id);
  }
}

function parsePermission(value: string): string {
  const parsed = permissionField.safeParse(value);
  if (!parsed.success) {
    throw new AppHttpError(
      400,
      'validation_failed',
      `permission: one of ${PERMISSIONS.join(', ')}`,
    );
  }
  return parsed.data;
}
