import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { DirectoryModule } from '../directory/directory.module';
import { ChatbotAvailability } from './chatbot-availability.service';

/** Whether a chatbot is online or offline now: business hours, holidays, agents on shift. */
@Module({
  imports: [AgentsModule, DirectoryModule],
  providers: [ChatbotAvailability],
  exports: [ChatbotAvailability],
})
export class AvailabilityModule {}
