import {
  Authenticated,
  CurrentPrincipal,
  PERMISSIONS,
  type Principal,
  RequirePermissions,
} from '@app/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors, AppHttpError } from '@app/platform';
import { permissionsAnswer, roleAnswer, rolesAnswer } from './dto/roles.answers';
import { GRANT_ERRORS } from './grant-rules';
import { CreateRoleDto, permissionField, UpdateRoleDto } from './dto/roles.dto';
import { type RoleRecord } from './roles.repository';
import { RolesService } from './roles.service';

const PERMISSION_PARAM = { name: 'permission', enum: PERMISSIONS };
const BUILT_IN_ADMIN = { 409: '`builtin_role`: the Admin role always holds every permission.' };

@ApiTags('roles')
@ApiBearerAuth()
@Controller()
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Authenticated()
  @ApiAnswer(200, permissionsAnswer)
  @Get('permissions')
  permissions(): { permissions: readonly string[] } {
    return { permissions: PERMISSIONS };
  }

  @RequirePermissions('roles:manage')
  @ApiAnswer(200, rolesAnswer)
  @Get('roles')
  async list(): Promise<{ roles: RoleRecord[] }> {
    return { roles: await this.roles.list() };
  }

  @RequirePermissions('roles:manage')
  @ApiErrors({ 409: '`role_name_taken`: a role has this name already.', ...GRANT_ERRORS })
  @ApiAnswer(201, roleAnswer)
  @Post('roles')
  create(@Body() body: CreateRoleDto, @CurrentPrincipal() caller: Principal): Promise<RoleRecord> {
    return this.roles.create(body, caller);
  }

  @RequirePermissions('roles:manage')
  @ApiAnswer(200, roleAnswer)
  @Get('roles/:id')
  get(@Param('id') id: string): Promise<RoleRecord> {
    return this.roles.get(id);
  }

  @RequirePermissions('roles:manage')
  @ApiErrors({
    409: '`role_name_taken`, or `builtin_role` (Admin keeps every permission).',
    ...GRANT_ERRORS,
  })
  @ApiAnswer(200, roleAnswer)
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
  @ApiErrors({ ...BUILT_IN_ADMIN, ...GRANT_ERRORS })
  @ApiAnswer(200, roleAnswer)
  @ApiParam(PERMISSION_PARAM)
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
  @ApiErrors({ ...BUILT_IN_ADMIN, ...GRANT_ERRORS })
  @ApiAnswer(200, roleAnswer)
  @ApiParam(PERMISSION_PARAM)
  @Delete('roles/:id/permissions/:permission')
  deny(
    @Param('id') id: string,
    @Param('permission') permission: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<RoleRecord> {
    return this.roles.deny(id, parsePermission(permission), caller);
  }

  @RequirePermissions('roles:manage')
  @ApiErrors({ 409: '`builtin_role` (built-in roles stay), or `role_in_use` (agents hold it).' })
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
