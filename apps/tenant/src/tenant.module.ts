import { PRINCIPAL_VALIDATOR } from '@app/auth';
import { serviceModules } from '@app/platform';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ChatbotsModule } from './chatbots/chatbots.module';
import { type TenantConfig } from './tenant.config';
import { TenantsModule } from './tenants/tenants.module';
import { loadSigningKey, SIGNING_KEY } from './tokens/signing-key';
import { AccountsModule } from './users/accounts.module';
import { AccountsService } from './users/accounts.service';

@Global()
@Module({})
export class TenantModule {
  static register(config: TenantConfig): DynamicModule {
    const signingKey = loadSigningKey(config.JWT_PRIVATE_KEY_FILE);
    return {
      module: TenantModule,
      imports: [
        ...serviceModules('tenant', config, {
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          // The tenant service signs the tokens, so it checks them with its own key.
          keys: { publicKeyPem: () => signingKey.publicPem },
        }),
        TenantsModule,
        AccountsModule,
        ChatbotsModule,
      ],
      providers: [
        { provide: SIGNING_KEY, useValue: signingKey },
        // Requests are re-checked against the account (deactivation, logout everywhere).
        { provide: PRINCIPAL_VALIDATOR, useExisting: AccountsService },
      ],
      exports: [SIGNING_KEY, PRINCIPAL_VALIDATOR],
    };
  }
}
