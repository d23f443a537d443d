import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { RollupsModule } from '../rollups/rollups.module';
import { InfraStatusService } from './infra-status.service';
import { StatusController } from './status.controller';

/** The status page: the platform's health and the tenant's chatbots and agents now. */
@Module({
  imports: [DirectoryModule, RollupsModule],
  controllers: [StatusController],
  providers: [InfraStatusService],
})
export class StatusModule {}
