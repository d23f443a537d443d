import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryRepository } from './directory.repository';
import {
  AgentEntry,
  AgentEntrySchema,
  ChatbotEntry,
  ChatbotEntrySchema,
  TenantEntry,
  TenantEntrySchema,
} from './directory.schemas';

/** Chat's read model of the tenant service: tenants, agents, chatbots. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ChatbotEntry.name, schema: ChatbotEntrySchema },
      { name: AgentEntry.name, schema: AgentEntrySchema },
      { name: TenantEntry.name, schema: TenantEntrySchema },
    ]),
  ],
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class DirectoryModule {}
