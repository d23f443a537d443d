import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { type EmailConfig } from './email.config';

@Module({})
export class EmailModule {
  static register(config: EmailConfig): DynamicModule {
    return { module: EmailModule, imports: [...serviceModules('email', config, jwksAuth(config))] };
  }
}
