import { type ServiceDefinition } from '@app/platform';
import { chatConfigSchema, type ChatConfig } from './chat.config';
import { ChatModule } from './chat.module';

export const chatService: ServiceDefinition<ChatConfig> = {
  name: 'chat',
  schema: chatConfigSchema,
  rootModule: (config) => ChatModule.register(config),
};
