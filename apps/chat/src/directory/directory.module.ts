import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryRepository } from './directory.repository';
import { LabelsDirectory } from './labels.directory';
import { TeamsRepository } from './teams.repository';
import {
  AgentEntry,
  AgentEntrySchema,
  CategoryEntry,
  CategoryEntrySchema,
  LabelEntry,
  LabelEntrySchema,
  TeamEntry,
  TeamEntrySchema,
  ChatbotEntry,
  ChatbotEntrySchema,
  TenantEntry,
  TenantEntrySchema,
} from './directory.schemas';

/** Chat's read model of the tenant service: tenants, agents, chatbots, categories, teams, labels. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ChatbotEntry.name, schema: ChatbotEntrySchema },
      { name: AgentEntry.name, schema: AgentEntrySchema },
      { name: TenantEntry.name, schema: TenantEntrySchema },
      { name: CategoryEntry.name, schema: CategoryEntrySchema },
      { name: TeamEntry.name, schema: TeamEntrySchema },
      { name: LabelEntry.name, schema: LabelEntrySchema },
    ]),
  ],
  providers: [DirectoryRepository, TeamsRepository, LabelsDirectory],
  exports: [DirectoryRepository, TeamsRepository, LabelsDirectory],
})
export class DirectoryModule {}
