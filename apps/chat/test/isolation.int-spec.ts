import { describeServiceIsolation, UNSCOPED_CONSUMER_MODELS } from '@app/testing';
import { chatService } from '../src/chat.service-definition';

// Chat's outbox is a Redis stream: no outbox models in its database.
describeServiceIsolation(chatService, { ...UNSCOPED_CONSUMER_MODELS });
