import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryEventsController } from './directory-events.controller';
import { DirectoryRepository } from './directory.repository';
import { KnownChatbot, KnownChatbotSchema, KnownUser, KnownUserSchema } from './directory.schemas';

/** Every tenant's chatbots and users, kept from the tenant service's events. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: KnownChatbot.name, schema: KnownChatbotSchema },
      { name: KnownUser.name, schema: KnownUserSchema },
    ]),
  ],
  controllers: [DirectoryEventsController],
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class DirectoryModule {}
