import {
  AllowVisitors,
  Authenticated,
  CurrentVisitor,
  Public,
  type VisitorPrincipal,
} from '@app/auth';
import { Body, Controller, Get, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '@app/platform';
import {
  conversationLookAnswer,
  offlineMessageAnswer,
  widgetConfigAnswer,
  widgetSessionAnswer,
} from './widget.answers';
import { OfflineMessagesService } from './offline-messages.service';
import { chatErrors } from '../chat-errors';
import { OfflineMessageDto, WidgetConfigDto, WidgetSessionDto } from './widget-session.dto';
import { WidgetSessionsService } from './widget-sessions.service';

const WIDGET_CREDENTIALS = {
  401: '`invalid_api_key`: unknown chatbot or API key.',
  403: '`origin_not_allowed`: this site may not use this chatbot.',
};

@ApiTags('widget')
@Controller('widget')
export class WidgetController {
  constructor(
    private readonly sessions: WidgetSessionsService,
    private readonly offlineMessages: OfflineMessagesService,
  ) {}

  /**
   * The chatbot's name, appearance and journey, for the widget to draw before a visitor
   * starts. A POST so the API key travels in the body, not in URLs that logs keep.
   */
  @Public()
  @ApiErrors(WIDGET_CREDENTIALS)
  @ApiAnswer(200, widgetConfigAnswer)
  @Post('config')
  @HttpCode(200)
  config(
    @Body() body: WidgetConfigDto,
    @Headers('origin') origin: string | undefined,
    @Ip() ip: string,
  ) {
    return this.sessions.config(body, { origin, ip });
  }

  /** Opens a conversation for a visitor; the request's Origin must be one the chatbot allows. */
  @Public()
  @ApiErrors({
    ...WIDGET_CREDENTIALS,
    403: '`origin_not_allowed`, `visitor_blocked`, or `identity_not_verified` (the chatbot requires an `identityHash` that verifies).',
    409: '`journey_changed`: the journey changed since the widget read it; `details.journey` is the current one.',
    503: '`uploads_unavailable`: an image answer while uploads cannot be received.',
  })
  @ApiErrors({ 409: '`chatbot_offline`: nobody answers live now; leave an offline message.' })
  @ApiAnswer(201, widgetSessionAnswer)
  @Post('sessions')
  open(
    @Body() body: WidgetSessionDto,
    @Headers('origin') origin: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
    @Ip() ip: string,
  ) {
    return this.sessions.open(body, { origin, ip, userAgent });
  }

  /**
   * A message left while the chatbot is offline (or at any time): an `offline` room for agents to
   * answer by email, and a confirmation mailed to the visitor. Limited as sessions are.
   */
  @Public()
  @ApiErrors({
    ...WIDGET_CREDENTIALS,
    403: '`origin_not_allowed` or `visitor_blocked`.',
  })
  @ApiAnswer(201, offlineMessageAnswer)
  @Post('offline-messages')
  leaveOfflineMessage(
    @Body() body: OfflineMessageDto,
    @Headers('origin') origin: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
    @Ip() ip: string,
  ) {
    return this.offlineMessages.leave(body, { origin, ip, userAgent });
  }

  /**
   * The look of the chatbot a visitor's room belongs to, for the conversation page of the link in
   * their emails, which has the room token but not the API key.
   */
  // Staff tokens pass the guard (every route names its rule) and then find no room of theirs.
  @Authenticated()
  @AllowVisitors()
  @ApiBearerAuth()
  @ApiErrors({ 404: '`room_not_found`: the token is not a visitor’s, or the room is gone.' })
  @ApiAnswer(200, conversationLookAnswer)
  @Get('conversation')
  conversation(@CurrentVisitor() visitor: VisitorPrincipal | undefined) {
    if (!visitor) throw chatErrors.roomNotFound();
    return this.sessions.conversationLook(visitor);
  }
}
