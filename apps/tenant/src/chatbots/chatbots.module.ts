import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Chatbot, ChatbotSchema } from './chatbot.schema';
import { ChatbotsController } from './chatbots.controller';
import { ChatbotsRepository } from './chatbots.repository';
import { ChatbotsService } from './chatbots.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Chatbot.name, schema: ChatbotSchema }])],
  controllers: [ChatbotsController],
  providers: [ChatbotsRepository, ChatbotsService],
})
export class ChatbotsModule {}
