import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TenantsModule } from '../tenants/tenants.module';
import { TokensModule } from '../tokens/tokens.module';
import { UsersModule } from '../users/users.module';
import { GoogleController } from './google.controller';
import { GoogleSignInService } from './google-sign-in.service';
import { OidcClientProvider } from './oidc-client.provider';

/** Sign-in and sign-up with Google (or any OpenID Connect provider). */
@Module({
  imports: [AuthModule, UsersModule, TenantsModule, TokensModule],
  controllers: [GoogleController],
  providers: [OidcClientProvider, GoogleSignInService],
})
export class GoogleModule {}
