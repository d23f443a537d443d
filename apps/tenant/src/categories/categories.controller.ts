import { Authenticated, RequirePermissions } from '@app/auth';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CategoryRecord } from './categories.repository';
import { CategoriesService } from './categories.service';
import { categoriesAnswer, categoryAnswer } from './dto/categories.answers';
import { CategoryDto } from './dto/categories.dto';

/** The tenant's categories of requests: every agent reads them, `tenant:manage` changes them. */
@ApiTags('categories')
@ApiBearerAuth()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Authenticated()
  @ApiAnswer(200, categoriesAnswer)
  @Get()
  async list(): Promise<{ categories: CategoryRecord[] }> {
    return { categories: await this.categories.list() };
  }

  @RequirePermissions('tenant:manage')
  @ApiErrors({
    409: '`name_taken`: another category has this name; `limit_reached`: 100 categories already.',
  })
  @ApiAnswer(201, categoryAnswer)
  @Post()
  create(@Body() body: CategoryDto): Promise<CategoryRecord> {
    return this.categories.create(body.name);
  }

  @RequirePermissions('tenant:manage')
  @ApiErrors({ 409: '`name_taken`' })
  @ApiAnswer(200, categoryAnswer)
  @Patch(':id')
  rename(@Param('id') id: string, @Body() body: CategoryDto): Promise<CategoryRecord> {
    return this.categories.rename(id, body.name);
  }

  /** Rooms keep the category; it is no longer offered, and teams stop routing it. */
  @RequirePermissions('tenant:manage')
  @ApiErrors({ 404: '`not_found`: no such category.' })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.categories.delete(id);
  }
}
