import { VISITOR_AUTHENTICATOR } from '@app/auth';
import { jwksAuth, NON_CRITICAL_HEALTH, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { AgentsModule } from './agents/agents.module';
import { AttachmentRoutesModule } from './attachments/attachment-routes.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { ContactsModule } from './contacts/contacts.module';
import { CsatModule } from './csat/csat.module';
import { StorageHealth } from './attachments/storage.health';
import { type ChatConfig } from './chat.config';
import { DirectorySyncModule } from './directory-sync/directory-sync.module';
import { GatewaysModule } from './gateways/gateways.module';
import { IntercomModule } from './intercom/intercom.module';
import { NotesModule } from './notes/notes.module';
import { RoomsModule } from './rooms/rooms.module';
import { SearchModule } from './search/search.module';
import { SlaModule } from './sla/sla.module';
import { StandbyModule } from './standby/standby.module';
import { VisitorTokensService } from './widget/visitor-tokens.service';
import { WidgetModule } from './widget/widget.module';

/**
 * The chat service: one module per feature folder, from the bottom (realtime, directory,
 * blocking, messages) through rooms, standby, widget, agents, visitors and conversations up to
 * the socket gateways and the directory's event consumer; attachments sit below messages, their
 * routes above rooms and the widget.
 */
@Module({})
export class ChatModule {
  static register(config: ChatConfig): DynamicModule {
    return {
      module: ChatModule,
      // Global so that the one auth guard can check visitor tokens too.
      global: true,
      exports: [VISITOR_AUTHENTICATOR, NON_CRITICAL_HEALTH],
      imports: [
        // Every message publishes an event: its outbox is in Redis, off the database's writes.
        ...serviceModules('chat', config, jwksAuth(config), { outboxInRedis: true }),
        RoomsModule,
        StandbyModule,
        WidgetModule,
        AgentsModule,
        GatewaysModule,
        DirectorySyncModule,
        AttachmentsModule,
        AttachmentRoutesModule,
        NotesModule,
        SearchModule,
        ContactsModule,
        SlaModule,
        CsatModule,
        IntercomModule,
      ],
      providers: [
        { provide: VISITOR_AUTHENTICATOR, useExisting: VisitorTokensService },
        // The object store: chat goes on without files while it is down.
        { provide: NON_CRITICAL_HEALTH, useExisting: StorageHealth },
      ],
    };
  }
}
