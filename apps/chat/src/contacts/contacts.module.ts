import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AttachmentsModule } from '../attachments/attachments.module';
import { MessagesModule } from '../messages/messages.module';
import { NotesModule } from '../notes/notes.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { Contact, ContactNoteDocument, ContactNoteSchema, ContactSchema } from './contact.schema';
import { ContactEventsController } from './contact-events.controller';
import { ContactPrivacyService } from './contact-privacy.service';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

/** Contacts: visitors known across conversations by email, with their erasure and export. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Contact.name, schema: ContactSchema },
      { name: ContactNoteDocument.name, schema: ContactNoteSchema },
    ]),
    AttachmentsModule,
    MessagesModule,
    NotesModule,
    RealtimeModule,
    RoomsModule,
  ],
  controllers: [ContactsController, ContactEventsController],
  providers: [ContactPrivacyService, ContactsRepository, ContactsService],
})
export class ContactsModule {}
