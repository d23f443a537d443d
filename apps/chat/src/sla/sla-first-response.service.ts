import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MessagesService } from '../messages/messages.service';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';

/**
 * Marks a room's first-response target met by its first agent message (late or not: the met
 * time says which), and tells the agents, whose countdown stops.
 */
@Injectable()
export class SlaFirstResponse implements OnModuleInit {
  constructor(
    private readonly messages: MessagesService,
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
  ) {}

  onModuleInit(): void {
    this.messages.onFirstAgentReply(async (room, at) => {
      if (!room.slaPolicyId) return;
      const result = await this.rooms.transition(room.id, 'first-response', (current) =>
        current.firstRespondedAt ? null : { firstRespondedAt: at },
      );
      if (result?.applied) await this.roomsService.announceRoom(result.room);
    });
  }
}
