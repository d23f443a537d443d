import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryEventsController } from './directory-events.controller';
import { DirectoryRepository } from './directory.repository';
import { KnownTenant, KnownTenantSchema, KnownUser, KnownUserSchema } from './directory.schemas';

/** Every tenant's name and users, kept from the tenant service's events. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: KnownTenant.name, schema: KnownTenantSchema },
      { name: KnownUser.name, schema: KnownUserSchema },
    ]),
  ],
  controllers: [DirectoryEventsController],
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class DirectoryModule {}
