import { APP_CONFIG } from '@app/config';
import { Module, type OnModuleDestroy } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { type ChatConfig } from '../chat.config';
import { Contact, ContactSchema } from '../contacts/contact.schema';
import { Message, MessageSchema } from '../messages/message.schema';
import { Note, NoteSchema } from '../notes/note.schema';
import { Room, RoomSchema } from '../rooms/room.schema';
import { RoomsModule } from '../rooms/rooms.module';
import { SearchController } from './search.controller';
import { SearchIndex } from './search-index';
import { SearchIndexer } from './search-indexer.service';
import { SearchService } from './search.service';

/** Conversation search: the index fed from Kafka, and the agents' search route. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Room.name, schema: RoomSchema },
      { name: Message.name, schema: MessageSchema },
      { name: Note.name, schema: NoteSchema },
      { name: Contact.name, schema: ContactSchema },
    ]),
    RoomsModule,
  ],
  controllers: [SearchController],
  providers: [
    {
      provide: SearchIndex,
      inject: [APP_CONFIG],
      useFactory: (config: ChatConfig) => new SearchIndex(config),
    },
    SearchIndexer,
    SearchService,
  ],
  exports: [SearchIndex],
})
export class SearchModule implements OnModuleDestroy {
  constructor(private readonly index: SearchIndex) {}

  async onModuleDestroy(): Promise<void> {
    await this.index.close();
  }
}
