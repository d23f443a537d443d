import { Public } from '@app/auth';
import { Body, Controller, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { WidgetConfigDto, WidgetSessionDto } from './widget-session.dto';
import { WidgetSessionsService } from './widget-sessions.service';

@ApiTags('widget')
@Controller('widget')
export class WidgetController {
  constructor(private readonly sessions: WidgetSessionsService) {}

  /**
   * The chatbot's name, appearance and pre-chat form, for the widget to draw before a visitor
   * starts. A POST so the API key travels in the body, not in URLs that logs keep.
   */
  @Public()
  @Post('config')
  @HttpCode(200)
  config(@Body() body: WidgetConfigDto, @Headers('origin') origin: string | undefined) {
    return this.sessions.config(body, origin);
  }

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
