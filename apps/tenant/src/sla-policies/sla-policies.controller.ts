import { Authenticated, RequirePermissions } from '@app/auth';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { slaPoliciesAnswer, slaPolicyAnswer } from './dto/sla-policies.answers';
import { CreateSlaPolicyDto, UpdateSlaPolicyDto } from './dto/sla-policies.dto';
import { type SlaPolicyRecord } from './sla-policies.repository';
import { SlaPoliciesService } from './sla-policies.service';

/**
 * Response and resolution targets: every agent reads them, `sla:manage` changes them. A 400
 * names the field: `resolutionSeconds` shorter than `firstResponseSeconds`, or a `categoryId`,
 * `teamId` or `escalation.agentId` that names nothing of the workspace.
 */
@ApiTags('sla policies')
@ApiBearerAuth()
@Controller('sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Authenticated()
  @ApiAnswer(200, slaPoliciesAnswer)
  @Get()
  async list(): Promise<{ slaPolicies: SlaPolicyRecord[] }> {
    return { slaPolicies: await this.policies.list() };
  }

  @RequirePermissions('sla:manage')
  @ApiErrors({
    409: '`policy_exists`: another policy has this priority, category and team; `limit_reached`: 200 policies already.',
  })
  @ApiAnswer(201, slaPolicyAnswer)
  @Post()
  create(@Body() body: CreateSlaPolicyDto): Promise<SlaPolicyRecord> {
    return this.policies.create(body);
  }

  @RequirePermissions('sla:manage')
  @ApiErrors({ 404: '`not_found`', 409: '`policy_exists`' })
  @ApiAnswer(200, slaPolicyAnswer)
  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateSlaPolicyDto): Promise<SlaPolicyRecord> {
    return this.policies.update(id, body);
  }

  /** Rooms keep the deadlines they were given. */
  @RequirePermissions('sla:manage')
  @ApiErrors({ 404: '`not_found`: no such policy.' })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.policies.delete(id);
  }
}
