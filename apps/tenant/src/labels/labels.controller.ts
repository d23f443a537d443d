import { Authenticated, RequirePermissions } from '@app/auth';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { labelAnswer, labelsAnswer } from './dto/labels.answers';
import { CreateLabelDto, UpdateLabelDto } from './dto/labels.dto';
import { type LabelRecord } from './labels.repository';
import { LabelsService } from './labels.service';

/** Labels for conversations: every agent reads them, `labels:manage` changes them. */
@ApiTags('labels')
@ApiBearerAuth()
@Controller('labels')
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Authenticated()
  @ApiAnswer(200, labelsAnswer)
  @Get()
  async list(): Promise<{ labels: LabelRecord[] }> {
    return { labels: await this.labels.list() };
  }

  @RequirePermissions('labels:manage')
  @ApiErrors({
    409: '`name_taken`: another label has this name; `limit_reached`: 100 labels already.',
  })
  @ApiAnswer(201, labelAnswer)
  @Post()
  create(@Body() body: CreateLabelDto): Promise<LabelRecord> {
    return this.labels.create(body);
  }

  @RequirePermissions('labels:manage')
  @ApiErrors({ 404: '`not_found`', 409: '`name_taken`' })
  @ApiAnswer(200, labelAnswer)
  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateLabelDto): Promise<LabelRecord> {
    return this.labels.update(id, body);
  }

  /** Conversations lose the label. */
  @RequirePermissions('labels:manage')
  @ApiErrors({ 404: '`not_found`: no such label.' })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.labels.delete(id);
  }
}
