import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategoriesModule } from '../categories/categories.module';
import { TeamsModule } from '../teams/teams.module';
import { Chatbot, ChatbotSchema } from './chatbot.schema';
import { ChatbotsController } from './chatbots.controller';
import { ChatbotsRepository } from './chatbots.repository';
import { ChatbotsService } from './chatbots.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Chatbot.name, schema: ChatbotSchema }]),
    CategoriesModule,
    TeamsModule,
  ],
  controllers: [ChatbotsController],
  providers: [ChatbotsRepository, ChatbotsService],
})
export class ChatbotsModule {}
