import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategoriesModule } from '../categories/categories.module';
import { TeamsModule } from '../teams/teams.module';
import { UsersModule } from '../users/users.module';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesRepository } from './sla-policies.repository';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaPolicy, SlaPolicySchema } from './sla-policy.schema';

/** The workspace's SLA policies: targets per priority, maybe per category or team. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: SlaPolicy.name, schema: SlaPolicySchema }]),
    CategoriesModule,
    TeamsModule,
    UsersModule,
  ],
  controllers: [SlaPoliciesController],
  providers: [SlaPoliciesRepository, SlaPoliciesService],
})
export class SlaPoliciesModule {}
