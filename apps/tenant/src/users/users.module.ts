import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NotificationsModule } from '../notifications/notifications.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RolesModule } from '../roles/roles.module';
import { TenantsModule } from '../tenants/tenants.module';
import { TokensModule } from '../tokens/tokens.module';
import { AccountsService } from './accounts.service';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';
import { User, UserSchema } from './user.schema';
import { UsersRepository } from './users.repository';

/** Accounts (what a user may do, from their roles) and the agents an admin manages. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: User.name, schema: UserSchema }]),
    RolesModule,
    TokensModule,
    TenantsModule,
    NotificationsModule,
    RateLimitModule,
  ],
  controllers: [AgentsController],
  providers: [UsersRepository, AccountsService, AgentsService],
  exports: [UsersRepository, AccountsService],
})
export class UsersModule {}
