import {
  describeTenantIsolation,
  startTestService,
  type TestService,
  UNSCOPED_CONSUMER_MODELS,
} from '@app/testing';
import { type ChatConfig } from '../src/chat.config';
import { chatService } from '../src/chat.service-definition';

describe('chat’s database, tenant by tenant', () => {
  let chat: TestService<ChatConfig>;

  beforeAll(async () => {
    chat = await startTestService(chatService);
  });

  afterAll(() => chat?.close());

  // Chat's outbox is a Redis stream: no outbox models in its database.
  describeTenantIsolation(() => chat, { ...UNSCOPED_CONSUMER_MODELS });
});
