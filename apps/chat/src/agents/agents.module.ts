import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { AgentAuthenticator } from './agent-authenticator.service';
import { AgentIdle } from './agent-idle.service';
import { AgentPresence } from './agent-presence.service';
import { AgentSessionEnds } from './agent-session-ends.service';
import { AgentSessionEventsController } from './agent-session-events.controller';
import { AgentSessions } from './agent-sessions.service';
import { AgentsController } from './agents.controller';
import { AutoAssigner } from './auto-assigner.service';

/**
 * Agents in chat: who they are on a socket, their sessions ending, their presence, and
 * auto-assignment.
 */
@Module({
  imports: [DirectoryModule, MessagesModule, RealtimeModule, RoomsModule],
  controllers: [AgentsController, AgentSessionEventsController],
  providers: [
    AgentAuthenticator,
    AgentIdle,
    AgentPresence,
    AgentSessions,
    AgentSessionEnds,
    AutoAssigner,
  ],
  exports: [AgentAuthenticator, AgentPresence, AgentSessions, AgentSessionEnds],
})
export class AgentsModule {}
