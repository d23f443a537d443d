import { CurrentPrincipal, NotForApiTokens, type Principal, RequirePermissions } from '@app/auth';
import { type ApiTokenUse, type ApiTokenView, type CreatedApiToken } from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  apiTokensAnswer,
  apiTokenUsageAnswer,
  createdApiTokenAnswer,
} from './dto/api-tokens.answers';
import { CreateApiTokenDto } from './dto/api-tokens.dto';
import { ApiTokensService } from './api-tokens.service';

/**
 * The workspace's API tokens, for its backend to call every service. Managed by people only: a
 * leaked token must not mint its own successors.
 */
@ApiTags('api tokens')
@ApiBearerAuth()
@RequirePermissions('api-tokens:manage')
@NotForApiTokens()
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly apiTokens: ApiTokensService) {}

  /** Tokens not revoked (expired ones too), oldest first; never a token nor its hash. */
  @ApiAnswer(200, apiTokensAnswer)
  @Get()
  async list(): Promise<{ apiTokens: ApiTokenView[] }> {
    return { apiTokens: await this.apiTokens.list() };
  }

  /** The token is in this answer only; only its SHA-256 is stored. */
  @ApiErrors({
    403: '`grant_exceeds_own`: a permission the caller does not hold itself (the message names it).',
    409: '`name_taken`: a live token has this name; `limit_reached`: 50 live tokens already.',
  })
  @ApiAnswer(201, createdApiTokenAnswer)
  @Post()
  create(
    @Body() body: CreateApiTokenDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CreatedApiToken> {
    return this.apiTokens.create(body, caller);
  }

  /** Every service refuses the token once this answers; revoking it again changes nothing. */
  @ApiErrors({ 404: '`not_found`: no such token in your workspace.' })
  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string): Promise<void> {
    await this.apiTokens.revoke(id);
  }

  /** The token's latest calls of any service, newest first. */
  @ApiAnswer(200, apiTokenUsageAnswer)
  @Get(':id/usage')
  async usage(@Param('id') id: string): Promise<{ uses: ApiTokenUse[] }> {
    return { uses: await this.apiTokens.usage(id) };
  }
}
