import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BlockingModule } from '../blocking/blocking.module';
import { DirectoryModule } from '../directory/directory.module';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SlaTargetsModule } from '../sla/sla-targets.module';
import { AgentCapacityGuard } from './agent-capacity.guard';
import { DisplayIdAllocator } from './display-id.allocator';
import { RoomCache } from './room-cache';
import { RoomDeletionService } from './room-deletion.service';
import { Note, NoteSchema } from '../notes/note.schema';
import { Room, RoomSchema, RoomTransition, RoomTransitionSchema } from './room.schema';
import { RoomsController } from './rooms.controller';
import { RoomsRepository } from './rooms.repository';
import { QueueTally } from './queue-tally';
import { QueueVersion } from './queue-version';
import { RoomsService } from './rooms.service';
import { RoomMoves } from './room-moves.service';
import { RoomLabelsController } from './room-labels.controller';
import { RoomLabels } from './room-labels.service';

/** Rooms and their life: the queue, joining, leaving, transfer, reassignment, closing. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Room.name, schema: RoomSchema },
      { name: RoomTransition.name, schema: RoomTransitionSchema },
      // A conversation's deletion takes its notes with it.
      { name: Note.name, schema: NoteSchema },
    ]),
    BlockingModule,
    DirectoryModule,
    MessagesModule,
    RealtimeModule,
    SlaTargetsModule,
  ],
  controllers: [RoomsController, RoomLabelsController],
  providers: [
    AgentCapacityGuard,
    DisplayIdAllocator,
    RoomCache,
    RoomDeletionService,
    RoomsRepository,
    RoomsService,
    QueueTally,
    QueueVersion,
    RoomMoves,
    RoomLabels,
  ],
  exports: [RoomsRepository, RoomsService, RoomMoves, RoomDeletionService, RoomLabels],
})
export class RoomsModule {}
