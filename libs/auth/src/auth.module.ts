import { type DynamicModule, type InjectionToken, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessTokenVerifier } from './access-token-verifier.service';
import { ApiTokenRegistry } from './api-token-registry';
import { AuthGuard } from './auth.guard';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { JwtStrategy } from './jwt.strategy';
import { REVOCATION_REDIS, RevocationList } from './revocation-list';

/** Bearer-token authentication and permission checks for every route of a service. */
@Module({})
export class AuthModule {
  /**
   * `revocationRedis`: the injection token of the service's Redis connection, which holds the
   * list of revoked sessions and the API tokens every request is checked against (libs/platform
   * passes its own).
   */
  static forRoot(
    options: AuthOptions,
    extraProviders: Provider[] = [],
    revocationRedis?: InjectionToken,
  ): DynamicModule {
    const revocations: Provider[] = revocationRedis
      ? [
          { provide: REVOCATION_REDIS, useExisting: revocationRedis },
          RevocationList,
          ApiTokenRegistry,
        ]
      : [];
    return {
      module: AuthModule,
      global: true,
      imports: [PassportModule],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        AccessTokenVerifier,
        JwtStrategy,
        { provide: APP_GUARD, useClass: AuthGuard },
        ...revocations,
        ...extraProviders,
      ],
      exports: [
        AUTH_OPTIONS,
        AccessTokenVerifier,
        ...(revocationRedis ? [RevocationList, ApiTokenRegistry] : []),
      ],
    };
  }
}
