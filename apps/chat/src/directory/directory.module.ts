import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryRepository } from './directory.repository';
import { TeamsRepository } from './teams.repository';
import {
  AgentEntry,
  AgentEntrySchema,
  CategoryEntry,
  CategoryEntrySchema,
  TeamEntry,
  TeamEntrySchema,
  ChatbotEntry,
  ChatbotEntrySchema,
  TenantEntry,
  TenantEntrySchema,
} from './directory.schemas';

/** Chat's read model of the tenant service: tenants, agents, chatbots, categories, teams. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ChatbotEntry.name, schema: ChatbotEntrySchema },
      { name: AgentEntry.name, schema: AgentEntrySchema },
      { name: TenantEntry.name, schema: TenantEntrySchema },
      { name: CategoryEntry.name, schema: CategoryEntrySchema },
      { name: TeamEntry.name, schema: TeamEntrySchema },
    ]),
  ],
  providers: [DirectoryRepository, TeamsRepository],
  exports: [DirectoryRepository, TeamsRepository],
})
export class DirectoryModule {}
