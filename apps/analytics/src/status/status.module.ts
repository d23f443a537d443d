import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { RollupsModule } from '../rollups/rollups.module';
import { InfraStatusService } from './infra-status.service';
import { ActivityController } from './activity.controller';
import { StatusController } from './status.controller';

/** The status page: the platform's health (operators only) and the tenant's chatbots and agents now. */
@Module({
  imports: [DirectoryModule, RollupsModule],
  controllers: [StatusController, ActivityController],
  providers: [InfraStatusService],
})
export class StatusModule {}
