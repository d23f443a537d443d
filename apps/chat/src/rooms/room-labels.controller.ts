import { CurrentPrincipal, type Principal, RequirePermissions } from '@app/auth';
import { type RoomSummary } from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Controller, Delete, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { roomSummaryAnswer } from './dto/rooms.answers';
import { RoomLabels } from './room-labels.service';

/**
 * Agents put the tenant's labels on conversations and take them off; both idempotent, open or
 * closed conversations alike. The visitor never sees them.
 */
@ApiTags('rooms')
@ApiBearerAuth()
@Controller('rooms/:id/labels')
export class RoomLabelsController {
  constructor(private readonly labels: RoomLabels) {}

  @RequirePermissions('chats:join')
  @ApiErrors({
    404: '`room_not_found` (or not one the agent may see), `label_not_found`',
  })
  @ApiAnswer(200, roomSummaryAnswer)
  @Put(':labelId')
  add(
    @Param('id') id: string,
    @Param('labelId') labelId: string,
    @CurrentPrincipal() agent: Principal,
  ): Promise<RoomSummary> {
    return this.labels.add(id, labelId, agent);
  }

  @RequirePermissions('chats:join')
  @ApiErrors({ 404: '`room_not_found`, `label_not_found`' })
  @ApiAnswer(200, roomSummaryAnswer)
  @Delete(':labelId')
  remove(
    @Param('id') id: string,
    @Param('labelId') labelId: string,
    @CurrentPrincipal() agent: Principal,
  ): Promise<RoomSummary> {
    return this.labels.remove(id, labelId, agent);
  }
}
