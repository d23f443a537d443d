import { REDIS, type ServiceDefinition } from '@app/platform';
import { chatConfigSchema, type ChatConfig } from './chat.config';
import { ChatModule } from './chat.module';
import { INTERCOM_CONSUMER } from './intercom/intercom-forwarder.service';
import { INTERCOM_WEBHOOK_PATH } from './intercom/intercom-webhooks.controller';
import { RedisStreamsIoAdapter } from './realtime/redis-streams-io.adapter';

export const chatService: ServiceDefinition<ChatConfig> = {
  name: 'chat',
  schema: chatConfigSchema,
  rootModule: (config) => ChatModule.register(config),
  // The search indexer's and the Intercom bridge's consumer groups (SearchIndexer, IntercomForwarder).
  batchConsumers: ['search', INTERCOM_CONSUMER],
  // Intercom signs the exact bytes of its notifications.
  rawBodyRoutes: INTERCOM_WEBHOOK_PATH,
  configure: (app) => {
    app.useWebSocketAdapter(new RedisStreamsIoAdapter(app, app.get(REDIS)));
    // Widget sessions are opened from tenants' sites; the handler checks the chatbot's origins.
    app.enableCors({ origin: true, methods: ['GET', 'POST'], credentials: false, maxAge: 600 });
  },
};
