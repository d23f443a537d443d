import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { DirectoryModule } from './directory/directory.module';
import { type IntegrationsConfig } from './integrations.config';
import { ReviewsModule } from './reviews/reviews.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class IntegrationsModule {
  static register(config: IntegrationsConfig): DynamicModule {
    return {
      module: IntegrationsModule,
      imports: [
        ...serviceModules('integrations', config, jwksAuth(config)),
        DirectoryModule,
        WebhooksModule,
        ReviewsModule,
      ],
    };
  }
}
