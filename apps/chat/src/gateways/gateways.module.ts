import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { NotesModule } from '../notes/notes.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { VisitorsModule } from '../visitors/visitors.module';
import { AgentGateway } from './agent.gateway';
import { VisitorGateway } from './visitor.gateway';

/** The socket.io namespaces `/visitor` and `/agent`: transport only, over the feature modules. */
@Module({
  imports: [
    AgentsModule,
    ConversationsModule,
    NotesModule,
    RealtimeModule,
    RoomsModule,
    VisitorsModule,
  ],
  providers: [AgentGateway, VisitorGateway],
})
export class GatewaysModule {}
