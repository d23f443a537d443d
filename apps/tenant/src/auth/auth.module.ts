import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RolesModule } from '../roles/roles.module';
import { TenantsModule } from '../tenants/tenants.module';
import { TokensModule } from '../tokens/tokens.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { OnboardingService } from './onboarding.service';

/** Sign-up, password sign-in, sessions, password resets and accepting invitations. */
@Module({
  imports: [
    UsersModule,
    RolesModule,
    TenantsModule,
    TokensModule,
    NotificationsModule,
    RateLimitModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, OnboardingService],
  exports: [AuthService, OnboardingService],
})
export class AuthModule {}
