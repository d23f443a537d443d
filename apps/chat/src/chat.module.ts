import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { type ChatConfig } from './chat.config';

@Module({})
export class ChatModule {
  static register(config: ChatConfig): DynamicModule {
    return { module: ChatModule, imports: [...serviceModules('chat', config, jwksAuth(config))] };
  }
}
