import { RequirePermissions } from '@app/auth';
import { type IntercomStatusView } from '@app/contracts';
import { ApiAnswer, ApiErrors, LimitPerTenant } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { intercomStatusAnswer } from './dto/intercom.answers';
import { ConnectIntercomDto } from './dto/intercom.dto';
import { IntercomConnections } from './intercom-connections.service';

/** Each connect asks Intercom to check the credentials: a few tries, not a script's worth. */
const CONNECT_LIMIT = { points: 10, duration: 600 };

/** The workspace's Intercom bridge (`integrations:manage`: Admins). Secrets are never answered. */
@ApiTags('intercom')
@ApiBearerAuth()
@RequirePermissions('integrations:manage')
@Controller('integrations/intercom')
export class IntercomController {
  constructor(private readonly connections: IntercomConnections) {}

  @ApiAnswer(200, intercomStatusAnswer)
  @Get()
  status(): Promise<IntercomStatusView> {
    return this.connections.status();
  }

  /** Connects, or changes the scope (and, given, the credentials) of the connection. */
  @ApiErrors({ 503: '`intercom_unavailable`: Intercom did not answer the check of the token.' })
  @ApiAnswer(
    200,
    intercomStatusAnswer,
    'Connected. Bad input: `validation_failed` names each field refused (`accessToken` and `clientSecret` are required to connect); `intercom_token_refused` (naming `accessToken`): Intercom refused the token.',
  )
  @Put()
  @LimitPerTenant('intercom-connect', CONNECT_LIMIT)
  connect(@Body() body: ConnectIntercomDto): Promise<IntercomStatusView> {
    return this.connections.connect(body);
  }

  @ApiErrors({ 404: '`not_connected`: the workspace has not connected Intercom.' })
  @Delete()
  @HttpCode(204)
  async disconnect(): Promise<void> {
    await this.connections.disconnect();
  }
}
