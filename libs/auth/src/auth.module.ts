import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessTokenVerifier } from './access-token-verifier.service';
import { AuthGuard } from './auth.guard';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { JwtStrategy } from './jwt.strategy';

/** Bearer-token authentication and permission checks for every route of a service. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions, extraProviders: Provider[] = []): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [PassportModule],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        AccessTokenVerifier,
        JwtStrategy,
        { provide: APP_GUARD, useClass: AuthGuard },
        ...extraProviders,
      ],
      exports: [AUTH_OPTIONS, AccessTokenVerifier],
    };
  }
}
