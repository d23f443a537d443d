import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthController } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import { OnboardingService } from '../auth/onboarding.service';
import { GoogleController } from '../google/google.controller';
import { GoogleSignInService } from '../google/google-sign-in.service';
import { OidcClientProvider } from '../google/oidc-client.provider';
import { NotificationsService } from '../notifications/notifications.service';
import { RateLimitsService } from '../rate-limit/rate-limits.service';
import { Role, RoleSchema } from '../roles/role.schema';
import { RolesController } from '../roles/roles.controller';
import { RolesRepository } from '../roles/roles.repository';
import { RolesService } from '../roles/roles.service';
import { TenantsModule } from '../tenants/tenants.module';
import { AccessTokensService } from '../tokens/access-tokens.service';
import { JwksController } from '../tokens/jwks.controller';
import { OneTimeToken, OneTimeTokenSchema } from '../tokens/one-time-token.schema';
import { TokenSpend, TokenSpendSchema } from '../tokens/token-spend.schema';
import { OneTimeTokensService } from '../tokens/one-time-tokens.service';
import { RefreshToken, RefreshTokenSchema } from '../tokens/refresh-token.schema';
import { RefreshTokensRepository } from '../tokens/refresh-tokens.repository';
import { SessionsService } from '../tokens/sessions.service';
import { AccountsService } from './accounts.service';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';
import { User, UserSchema } from './user.schema';
import { UsersRepository } from './users.repository';

/** Who may do what: accounts, roles, sessions and tokens, invitations, password resets. */
@Module({
  imports: [
    TenantsModule,
    MongooseModule.forFeature([
      { name: User.name, schema: UserSchema },
      { name: Role.name, schema: RoleSchema },
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: OneTimeToken.name, schema: OneTimeTokenSchema },
      { name: TokenSpend.name, schema: TokenSpendSchema },
    ]),
  ],
  controllers: [
    AuthController,
    GoogleController,
    AgentsController,
    RolesController,
    JwksController,
  ],
  providers: [
    UsersRepository,
    RolesRepository,
    RefreshTokensRepository,
    AccountsService,
    AccessTokensService,
    SessionsService,
    OneTimeTokensService,
    NotificationsService,
    RateLimitsService,
    AuthService,
    OnboardingService,
    OidcClientProvider,
    GoogleSignInService,
    AgentsService,
    RolesService,
  ],
  exports: [AccountsService],
})
export class AccountsModule {}
