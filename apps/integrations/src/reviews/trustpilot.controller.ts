import { RequirePermissions } from '@app/auth';
import {
  type ReviewInvitationsPage,
  type ReviewInvitationStats,
  type ReviewInvitationView,
  type TrustpilotConnectionAnswer,
  type TrustpilotConnectionView,
} from '@app/contracts';
import { ApiAnswer, ApiErrors, LimitPerTenant } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  connectionAnswer,
  connectionOrNoneAnswer,
  invitationAnswer,
  invitationsAnswer,
  statsAnswer,
} from './dto/trustpilot.answers';
import {
  ConnectTrustpilotDto,
  InvitationsQueryDto,
  InvitationStatsQueryDto,
} from './dto/trustpilot.dto';
import { ReviewInvitationsService } from './review-invitations.service';
import { TrustpilotConnectionsService } from './trustpilot-connections.service';

const REFUSED =
  'Bad input: `validation_failed` names each field refused, by the schema or by Trustpilot (`apiKey` and `apiSecret` for credentials it refuses, `businessUnitId` for a unit it does not know, `templateId` for a template not in it).';

/** Each connect asks Trustpilot to check the credentials: a few tries, not a script's worth. */
const CONNECT_LIMIT = { points: 10, duration: 600 };

/** Review invitations through Trustpilot (`integrations:manage`: Admins). */
@ApiTags('trustpilot')
@ApiBearerAuth()
@RequirePermissions('integrations:manage')
@Controller('trustpilot')
export class TrustpilotController {
  constructor(
    private readonly connections: TrustpilotConnectionsService,
    private readonly invitations: ReviewInvitationsService,
  ) {}

  /** The settings and the connection's health; never the API key or secret. */
  @ApiAnswer(200, connectionOrNoneAnswer)
  @Get()
  get(): Promise<TrustpilotConnectionAnswer> {
    return this.connections.get();
  }

  /** Connects, or replaces the settings (credentials left out stay as they are). */
  @ApiErrors({ 503: '`trustpilot_unavailable`: Trustpilot could not be asked to check them.' })
  @ApiAnswer(200, connectionAnswer, `Connected. ${REFUSED}`)
  @Put()
  @LimitPerTenant('trustpilot-connect', CONNECT_LIMIT)
  connect(@Body() body: ConnectTrustpilotDto): Promise<TrustpilotConnectionView> {
    return this.connections.connect(body);
  }

  /** Forgets the credentials; invitations not sent yet are skipped (`disconnected`). */
  @ApiErrors({ 404: '`not_found`: Trustpilot is not connected.' })
  @Delete()
  @HttpCode(204)
  async disconnect(): Promise<void> {
    await this.connections.disconnect();
  }

  /** The invitation log, newest first. */
  @ApiAnswer(200, invitationsAnswer)
  @Get('invitations')
  list(@Query() query: InvitationsQueryDto): Promise<ReviewInvitationsPage> {
    return this.invitations.page(query);
  }

  /** Invitations sent, failed and skipped per UTC day. */
  @ApiAnswer(200, statsAnswer)
  @Get('invitations/stats')
  stats(@Query() query: InvitationStatsQueryDto): Promise<ReviewInvitationStats> {
    return this.invitations.stats(query.days);
  }

  /** Sends a failed invitation again, with a new round of retries. */
  @ApiErrors({
    404: '`not_found`: no such invitation in this workspace.',
    409: '`not_retryable`: only a failed invitation can be retried; `not_connected`: Trustpilot is disconnected or disabled.',
    503: '`busy`: an attempt is in flight: try again.',
  })
  @ApiAnswer(202, invitationAnswer)
  @Post('invitations/:id/retry')
  @HttpCode(202)
  retry(@Param('id') id: string): Promise<ReviewInvitationView> {
    return this.invitations.retry(id);
  }
}
