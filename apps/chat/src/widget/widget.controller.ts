import { Public } from '@app/auth';
import { Body, Controller, Headers, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { WidgetSessionDto } from './widget-session.dto';
import { WidgetSessionsService } from './widget-sessions.service';

@ApiTags('widget')
@Controller('widget')
export class WidgetController {
  constructor(private readonly sessions: WidgetSessionsService) {}

  /** Opens a conversation for a visitor; the request's Origin must be one the chatbot allows. */
  @Public()
  @Post('sessions')
  open(
    @Body() body: WidgetSessionDto,
    @Headers('origin') origin: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
    @Ip() ip: string,
  ) {
    return this.sessions.open(body, { origin, ip, userAgent });
  }
}
