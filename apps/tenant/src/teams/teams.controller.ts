import { Authenticated, RequirePermissions } from '@app/auth';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { teamAnswer, teamsAnswer } from './dto/teams.answers';
import { CreateTeamDto, UpdateTeamDto } from './dto/teams.dto';
import { type TeamRecord } from './teams.repository';
import { TeamsService } from './teams.service';

/** The tenant's teams: every agent reads them, `tenant:manage` changes them. */
@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Authenticated()
  @ApiAnswer(200, teamsAnswer)
  @Get()
  async list(): Promise<{ teams: TeamRecord[] }> {
    return { teams: await this.teams.list() };
  }

  @RequirePermissions('tenant:manage')
  @ApiErrors({
    409: '`name_taken`: another team has this name; `limit_reached`: 100 teams already.',
  })
  @ApiAnswer(201, teamAnswer)
  @Post()
  create(@Body() body: CreateTeamDto): Promise<TeamRecord> {
    return this.teams.create(body);
  }

  @RequirePermissions('tenant:manage')
  @ApiErrors({ 409: '`name_taken`' })
  @ApiAnswer(200, teamAnswer)
  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateTeamDto): Promise<TeamRecord> {
    return this.teams.update(id, body);
  }

  /** The team's rooms, waiting or not, fall back to the tenant's queue. */
  @RequirePermissions('tenant:manage')
  @ApiErrors({ 404: '`not_found`: no such team.' })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.teams.delete(id);
  }
}
