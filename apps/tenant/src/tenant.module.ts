import { PRINCIPAL_VALIDATOR } from '@app/auth';
import { serviceModules } from '@app/platform';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { AuthModule } from './auth/auth.module';
import { CannedRepliesModule } from './canned-replies/canned-replies.module';
import { CategoriesModule } from './categories/categories.module';
import { ChatbotsModule } from './chatbots/chatbots.module';
import { GoogleModule } from './google/google.module';
import { LabelsModule } from './labels/labels.module';
import { ROLE_HOLDERS } from './roles/role-holders';
import { RolesModule } from './roles/roles.module';
import { SlaPoliciesModule } from './sla-policies/sla-policies.module';
import { type TenantConfig } from './tenant.config';
import { TeamsModule } from './teams/teams.module';
import { TenantsModule } from './tenants/tenants.module';
import { loadSigningKey, SIGNING_KEY } from './tokens/signing-key.provider';
import { TokensModule } from './tokens/tokens.module';
import { AccountsService } from './users/accounts.service';
import { UsersModule } from './users/users.module';

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
        TokensModule,
        RolesModule,
        UsersModule,
        AuthModule,
        GoogleModule,
        ChatbotsModule,
        CategoriesModule,
        TeamsModule,
        CannedRepliesModule,
        SlaPoliciesModule,
        LabelsModule,
        ApiTokensModule,
      ],
      providers: [
        { provide: SIGNING_KEY, useValue: signingKey },
        // Requests are re-checked against the account (deactivation, logout everywhere).
        { provide: PRINCIPAL_VALIDATOR, useExisting: AccountsService },
        // Roles reach the users holding them without importing the users module, which needs roles.
        { provide: ROLE_HOLDERS, useExisting: AccountsService },
      ],
      exports: [SIGNING_KEY, PRINCIPAL_VALIDATOR, ROLE_HOLDERS],
    };
  }
}
