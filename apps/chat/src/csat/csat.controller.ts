import { AllowVisitors, Authenticated, CurrentVisitor, type VisitorPrincipal } from '@app/auth';
import { type RoomCsat } from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { visitorSender } from '../realtime/rate-sender';
import { SenderLimits } from '../realtime/sender-limits.service';
import { csatErrors, CsatService } from './csat.service';
import { csatAnswer, CsatDto } from './dto/csat.dto';

/** The widget's rating of a resolved conversation, by the room's visitor. */
@ApiTags('csat')
@ApiBearerAuth()
@Controller('rooms/:id/csat')
export class CsatController {
  constructor(
    private readonly csat: CsatService,
    private readonly limits: SenderLimits,
  ) {}

  /**
   * The visitor rates the conversation (1–5, an optional comment) once it closed as resolved; a
   * later rating replaces the first. A staff token is refused as well: agents do not rate.
   */
  // Staff tokens pass the guard (every route names its rule) and are refused below.
  @Authenticated()
  @AllowVisitors()
  @ApiErrors({
    403: '`not_room_visitor`: the token is not the visitor token of this room.',
    404: '`room_not_found`',
    409: '`room_not_resolved`: the conversation is open, or was closed other than as resolved.',
  })
  @ApiAnswer(200, csatAnswer)
  @Post()
  @HttpCode(200)
  async rate(
    @Param('id') roomId: string,
    @Body() body: CsatDto,
    @CurrentVisitor() visitor: VisitorPrincipal | undefined,
  ): Promise<RoomCsat> {
    if (!visitor || visitor.roomId !== roomId) throw csatErrors.notRoomVisitor();
    await this.limits.consume('signal', visitorSender(visitor));
    return this.csat.rate(roomId, body, 'widget');
  }
}
